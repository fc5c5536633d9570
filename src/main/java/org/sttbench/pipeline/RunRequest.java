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
 */
public record RunRequest(Plan plan, Path source, List<Path> droppedAudio, InboxItem origin,
                         List<Path> testReports) {
}
