package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.sttbench.BadInputException;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.host.HostEnvironment;
import org.sttbench.host.HostInspector;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.RunSpec;
import org.sttbench.report.Reports;
import org.sttbench.results.HistoryAnalyzer;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan: allocates the run, checks the executor can work, executes each unit the route splits
 * out, and writes results.json and the reports from what came back. A failed unit is recorded and the
 * run goes on; a run that cannot start leaves a results file that says why.
 */
public final class RunCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);
    public static final String RUN = "sttbenchRun";

    private final Settings settings;
    private final PlanPreparer preparer;
    private final Executors executors;
    private final Outbox outbox;
    private final Reports reports;
    private final RunProgress progress;
    private final RunOutcomes outcomes;
    private final InboxFiles inboxFiles;
    private final PrintStream console;

    public RunCoordinator(Settings settings, PlanPreparer preparer, Executors executors, Reports reports,
                          RunProgress progress, RunOutcomes outcomes, PrintStream console) {
        this.settings = settings;
        this.preparer = preparer;
        this.executors = executors;
        this.outbox = new Outbox(settings.outbox());
        this.reports = reports;
        this.progress = progress;
        this.outcomes = outcomes;
        this.inboxFiles = new InboxFiles(settings);
        this.console = console;
    }

    public RunContext start(@Body RunRequest request) throws IOException {
        Instant started = Instant.now();
        String runId = outbox.allocateRun(request.plan().name(), started);
        String executorName = preparer.executorName(request.plan());
        try {
            UnitExecutor executor = executors.get(executorName);
            executor.checkReady();
            RunSpec spec = preparer.expand(runId, request, executor.maxCpus());
            progress.runStarted(runId, spec.units().size(), executor.name());
            return new RunContext(request, runId, spec, executor, started, null);
        } catch (BadInputException | ExecutorUnavailableException e) {
            console.println("run " + runId + " cannot start: " + e.getMessage());
            if (request.origin() != null) {
                inboxFiles.rejectStored(request.origin(), List.of(e.getMessage()));
                outcomes.rejected(request.origin().name());
            }
            return new RunContext(request, runId, null, null, started, e.getMessage());
        }
    }

    public UnitResult execute(@ExchangeProperty(RUN) RunContext run, @Body WorkUnit unit) {
        progress.unitStarted(unit);
        UnitResult result;
        try {
            result = run.executor().execute(unit);
        } catch (RuntimeException e) {
            // an executor bug or a lost connection must not end the run: the unit fails, the rest goes on
            LOG.debug("unit {} failed", unit.unitId(), e);
            result = UnitResult.failed(unit, run.executor().name(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
        progress.unitFinished(result);
        return result;
    }

    public RunResult finish(@ExchangeProperty(RUN) RunContext run, @Body Object body) throws IOException {
        List<UnitResult> results = new ArrayList<>();
        if (body instanceof List<?> list) {
            list.stream().filter(UnitResult.class::isInstance).map(UnitResult.class::cast).forEach(results::add);
        }
        results.sort(Comparator.comparingInt(r -> r.unit().index()));
        HostEnvironment here = new HostInspector().inspect();
        HostEnvironment measured = results.stream().filter(UnitResult::ok).map(UnitResult::environment)
                .filter(java.util.Objects::nonNull).findFirst().orElse(here);
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        run.units().forEach(u -> models.putIfAbsent(u.model().name(), u.model()));
        boolean synthetic = models.values().stream().anyMatch(ModelInfo::synthetic);
        List<String> notes = new ArrayList<>(run.spec() == null ? List.of() : run.spec().notes());
        if (run.failure() != null) {
            notes.add("run could not start: " + run.failure());
        }
        String runId = run.runId();
        RunResult result = new RunResult(RunResult.SCHEMA_VERSION, runId, run.request().plan().name(),
                run.request().plan(), run.started(), Instant.now(), measured.architecture(), measured.cpuModel(), here,
                run.executor() == null ? preparer.executorName(run.request().plan()) : run.executor().name(),
                List.copyOf(models.values()), synthetic, synthetic ? ModelInfo.SYNTHETIC_NOTICE : null, results, notes,
                null);
        result = result.withAnalysis(RunAnalyzer.analyze(result));
        result = new HistoryAnalyzer(settings.outbox().resolve(Outbox.HISTORY_DIR)).attach(result);
        Path file = outbox.write(result);
        List<Path> written = reports.render(result, outbox.runDir(runId));
        boolean failed = run.failure() != null || results.isEmpty() || result.failedUnits() > 0;
        outcomes.finished(file, failed, RunAnalyzer.sloMissed(result));
        console.printf("run %s %s: %d unit(s), %d failed%n  results: %s%n", runId,
                run.failure() != null ? "did not start" : failed ? "finished with failures" : "finished", results.size(),
                result.failedUnits(), file);
        for (Path report : written) {
            console.println("  report:  " + report);
        }
        return result;
    }

    /** A run that broke outside any unit (the outbox is not writable, a report failed): say so, count it failed. */
    public void crashed(@ExchangeProperty("CamelExceptionCaught") Exception error) {
        LOG.debug("run failed", error);
        console.println("run failed: " + (error == null ? "unknown error" : error.getMessage()));
        outcomes.finished(null, true, false);
    }
}
