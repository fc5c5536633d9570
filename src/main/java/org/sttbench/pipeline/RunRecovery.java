package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.OneLine;
import org.sttbench.host.HostEnvironment;
import org.sttbench.host.HostInspector;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanLoader;
import org.sttbench.report.Reports;
import org.sttbench.results.Attachments;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;
import org.sttbench.results.SloReport;

/**
 * At start, before the inbox is read: finishes what a process killed earlier left in the run journal.
 * <ul>
 *   <li>a run whose results.json exists gets its missing reports rendered (results are never made twice);</li>
 *   <li>a run that was queued or in progress is run again, once, in the folder it had (mode {@code rerun}), or
 *       recorded as interrupted: a results.json that says so, its inputs in .error/ with the reason, a
 *       failed run for the exit code (mode {@code report}, or a run already started again once);</li>
 *   <li>files accepted whose batch never formed (killed in the batch window) go back to the inbox to be
 *       read again: no run had started, so there is nothing to report.</li>
 * </ul>
 */
public final class RunRecovery {
    public static final String INTERRUPTED = "interrupted";

    /** What to do with a run that was under way when the process died. */
    public enum Mode { RERUN, REPORT;
        static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("sttbench.inbox.interrupted must be rerun or report, was '"
                        + value + "'");
            }
        }
    }

    private final Settings settings;
    private final RunJournal journal;
    private final PlanPreparer preparer;
    private final RunOutcomes outcomes;
    private final PrintStream console;
    private final Mode mode;
    private final int maxReruns;
    private final Outbox outbox;

    public RunRecovery(Settings settings, RunJournal journal, PlanPreparer preparer, RunOutcomes outcomes,
                       PrintStream console, Mode mode, int maxReruns) {
        this.settings = settings;
        this.journal = journal;
        this.preparer = preparer;
        this.outcomes = outcomes;
        this.console = console;
        this.mode = mode;
        this.maxReruns = maxReruns;
        this.outbox = new Outbox(settings.outbox());
    }

    /**
     * @param queue takes each run to start again (seda:runs)
     * @return how many runs were found unfinished
     */
    public int recover(Consumer<RunRequest> queue) throws IOException {
        int found = 0;
        Set<String> journaled = new HashSet<>();
        for (RunJournal.Entry entry : journal.entries()) {
            entry.inputs().forEach(i -> journaled.add(i.stored()));
            for (int index = 0; index < entry.runs().size(); index++) {
                RunJournal.Run run = entry.runs().get(index);
                if (!run.state().ended()) {
                    found++;
                    recoverRun(entry, index, run, queue);
                }
            }
            // every run had ended but the inputs were not all moved yet
            RunJournal.Entry now = journal.read(entry.batch());
            if (now != null) {
                journal.settleIfEnded(now);
            }
        }
        returnUnbatched(journaled);
        return found;
    }

    private void recoverRun(RunJournal.Entry entry, int index, RunJournal.Run run, Consumer<RunRequest> queue)
            throws IOException {
        RunTicket ticket = journal.ticket(entry.batch(), index);
        String what = describe(entry, run);
        Path results = run.runId() == null ? null : outbox.runDir(run.runId()).resolve(Outbox.RESULTS_FILE);
        if (results != null && Files.isRegularFile(results)) {
            renderReports(results);
            ticket.finished();
            return;
        }
        if (mode == Mode.RERUN && run.attempts() < maxReruns) {
            RunRequest request;
            try {
                request = rebuild(entry, run);
            } catch (RuntimeException e) {
                interrupted(ticket, run, what, "interrupted, and cannot run again: " + OneLine.of(e));
                return;
            }
            journal.update(entry.batch(), index, r -> r.with(RunJournal.State.QUEUED, r.runId(), r.attempts() + 1, null));
            console.println(what + " was interrupted (sttbench stopped during it); running it again"
                    + (run.runId() == null ? "" : " in " + run.runId()));
            queue.accept(request.withTicket(ticket));
            return;
        }
        interrupted(ticket, run, what, run.attempts() > 0
                ? "interrupted again after it was started again; not retried (drop the input again to run it)"
                : "interrupted: sttbench stopped during the run (killed, or the machine went down);"
                        + " sttbench.inbox.interrupted=report, so it is not run again (drop the input again to run it)");
    }

    /** A results.json that says the run was interrupted, the inputs to .error/ with the reason, a failed run. */
    private void interrupted(RunTicket ticket, RunJournal.Run run, String what, String reason) throws IOException {
        Instant now = Instant.now();
        Plan plan = planOrNull(run);
        String name = plan != null ? plan.name() : run.source().name().toLowerCase(Locale.ROOT);
        String runId = run.runId() != null ? run.runId() : outbox.allocateRun(name, now);
        Files.createDirectories(outbox.runDir(runId));
        HostEnvironment here = new HostInspector().inspect();
        RunResult result = new RunResult(RunResult.SCHEMA_VERSION, runId, name, plan, now, now, here.architecture(),
                here.cpuModel(), here, plan == null || plan.executor() == null ? Plan.DEFAULT_EXECUTOR : plan.executor(),
                List.of(), false, null, List.of(), List.of(reason), null);
        var detail = Json.json().createObjectNode().put("reason", reason).put("recorded_at", now.toString());
        result = Attachments.with(result, INTERRUPTED, detail);
        Path file = outbox.write(result);
        ticket.started(runId);
        ticket.failed(reason);
        outcomes.finished(file, true, false);
        console.println(what + " " + reason + "\n  results: " + file);
    }

    private void renderReports(Path resultsFile) throws IOException {
        RunResult result = Outbox.read(resultsFile);
        Path dir = resultsFile.getParent();
        List<Path> written = new ArrayList<>(new Reports(settings.templates()).render(result, dir));
        SloReport.write(result, dir).ifPresent(written::add);
        new Delivery(settings).latest(result);
        boolean failed = result.failedUnits() > 0 || (result.notes() != null
                && result.notes().stream().anyMatch(n -> n.startsWith("run could not start")));
        outcomes.finished(resultsFile, failed, RunAnalyzer.sloMissed(result));
        console.println("run " + result.runId() + " had its results but not its reports when sttbench stopped;"
                + " reports rendered:");
        written.forEach(p -> console.println("  report:  " + p));
    }

    private RunRequest rebuild(RunJournal.Entry entry, RunJournal.Run run) {
        Path processing = journal.processingDir();
        List<Path> audio = run.audio().stream().map(processing::resolve).toList();
        List<Path> tests = run.tests().stream().map(processing::resolve).toList();
        return switch (run.source()) {
            case PLAN -> {
                Path file = processing.resolve(run.plan());
                Plan plan = new PlanLoader().load(file);
                String name = entry.inputs().stream().filter(i -> i.stored().equals(run.plan())).map(RunJournal.Input::name)
                        .findFirst().orElse(run.plan());
                yield new RunRequest(plan, file, audio, new InboxItem(InboxItem.Kind.PLAN, name, file, plan), tests);
            }
            case DEFAULT_AUDIO -> new RunRequest(preparer.defaultAudioPlan(), null, audio, null, tests);
            case STABILITY -> new RunRequest(PlanPreparer.stabilityPlan(), null, List.of(), null, tests);
            case SCHEDULE -> new RunRequest(new PlanLoader().load(Path.of(run.plan())), Path.of(run.plan()), List.of(),
                    null, List.of());
        };
    }

    private Plan planOrNull(RunJournal.Run run) {
        try {
            return switch (run.source()) {
                case PLAN -> new PlanLoader().load(journal.processingDir().resolve(run.plan()));
                case DEFAULT_AUDIO -> preparer.defaultAudioPlan();
                case STABILITY -> PlanPreparer.stabilityPlan();
                case SCHEDULE -> new PlanLoader().load(Path.of(run.plan()));
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String describe(RunJournal.Entry entry, RunJournal.Run run) {
        if (run.source() == RunJournal.Source.SCHEDULE) {
            return "scheduled run of " + Path.of(run.plan()).getFileName() + (run.runId() == null ? "" : " (" + run.runId() + ")");
        }
        String inputs = run.source() == RunJournal.Source.PLAN
                ? entry.inputs().stream().filter(i -> i.stored().equals(run.plan())).map(RunJournal.Input::name)
                        .findFirst().orElse(run.plan())
                : run.source() == RunJournal.Source.DEFAULT_AUDIO ? "audio " + run.audio().size() + " clip(s)" : "test reports";
        return "run of " + inputs + (run.runId() == null ? "" : " (" + run.runId() + ")");
    }

    /** Files in .processing/ that no journal entry names: accepted, but their batch never formed. */
    private void returnUnbatched(Set<String> journaled) throws IOException {
        Path processing = journal.processingDir();
        if (!Files.isDirectory(processing)) {
            return;
        }
        List<Path> loose;
        try (Stream<Path> list = Files.list(processing)) {
            loose = list.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !journaled.contains(p.getFileName().toString()))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path file : loose) {
            String stored = file.getFileName().toString();
            String original = InboxFiles.originalName(stored);
            Path target = settings.inbox().resolve(original);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                target = settings.inbox().resolve(stored);
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            console.println(original + " was accepted but sttbench stopped before its run was queued; reading it again");
        }
    }
}
