package org.sttbench.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.sttbench.plan.Plan;

/**
 * A plan ready to run.
 *
 * @param plan         validated plan
 * @param source       the plan file, null for the built-in default audio plan
 * @param droppedAudio audio that arrived with it, used when the plan names none
 * @param origin       the inbox file to reject if the run cannot start; null when not from the inbox
 * @param testReports  JUnit XML reports dropped with it: the service's own tests, for the stability answer
 * @param ticket       where the run reports its progress to the inbox's journal ({@link RunTicket#NONE} if not from the inbox)
 */
public record RunRequest(Plan plan, Path source, List<Path> droppedAudio, InboxItem origin,
                         List<Path> testReports, RunTicket ticket) {

    public RunRequest(Plan plan, Path source, List<Path> droppedAudio, InboxItem origin, List<Path> testReports) {
        this(plan, source, droppedAudio, origin, testReports, RunTicket.NONE);
    }

    public RunRequest withTicket(RunTicket newTicket) {
        return new RunRequest(plan, source, droppedAudio, origin, testReports, newTicket);
    }
}
