package org.sttbench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.HaltPoint;
import org.sttbench.Json;
import org.sttbench.OneLine;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.RunWidth;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.host.HostEnvironment;
import org.sttbench.host.HostInspector;
import org.sttbench.load.LoadSuite;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.Plan;
import org.sttbench.plan.RunSpec;
import org.sttbench.report.Answers;
import org.sttbench.report.ReportInput;
import org.sttbench.report.Reports;
import org.sttbench.results.Attachments;
import org.sttbench.results.HistoryAnalyzer;
import org.sttbench.results.Outbox;
import org.sttbench.results.PlacementNotes;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;
import org.sttbench.results.SloReport;
import org.sttbench.results.StabilitySummary;
import org.sttbench.workers.ServiceClients;
import org.sttbench.workers.ServiceDefinition;
import org.sttbench.workers.WorkerFleet;
import org.sttbench.workers.WorkersSuite;

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
    private final ExecutorRegistry executors;
    private final Outbox outbox;
    private final Reports reports;
    private final RunProgress progress;
    private final RunOutcomes outcomes;
    private final PrintStream console;

    public RunCoordinator(Settings settings, PlanPreparer preparer, ExecutorRegistry executors, Reports reports,
                          RunProgress progress, RunOutcomes outcomes, PrintStream console) {
        this.settings = settings;
        this.preparer = preparer;
        this.executors = executors;
        this.outbox = new Outbox(settings.outbox());
        this.reports = reports;
        this.progress = progress;
        this.outcomes = outcomes;
        this.console = console;
    }

    public RunContext start(@Body RunRequest request) throws IOException {
        Instant started = Instant.now();
        // a run started again after an interruption keeps the folder its first attempt made
        String runId = request.ticket().runId();
        if (runId == null) {
            runId = outbox.allocateRun(request.plan().name(), started);
        } else {
            Files.createDirectories(outbox.runDir(runId));
        }
        request.ticket().started(runId);
        String executorName = preparer.executorName(request.plan());
        Map<String, JsonNode> attached = new ConcurrentHashMap<>();
        if (!request.testReports().isEmpty()) {
            attached.put(Attachments.STABILITY, Json.json().valueToTree(
                    StabilitySummary.read(request.testReports(), InboxService.SLOW_TEST_SECONDS)));
        }
        try {
            UnitExecutor executor = executors.get(executorName);
            executor.checkReady();
            RunSpec spec = preparer.expand(runId, request, executor.maxCpus());
            RunWidth width = executor.width(request.plan().parallel(), spec.units().size());
            if (width.note() != null) {
                console.println("run " + runId + ": " + width.note());
            } else if (width.parallel()) {
                console.println("run " + runId + ": up to " + width.units() + " unit(s) at a time");
            }
            progress.runStarted(runId, spec.units().size(), executor.name());
            if (request.plan().service() != null) {
                // what results and reports say about the service: its image or command, api, threads, decode settings
                attached.put(ServiceRuns.ATTACHMENT, ServiceDefinition.of(request.plan()).describe(executor.name()));
            }
            return new RunContext(request, runId, spec, executor, started, null, attached, new UnitSlots(width));
        } catch (BadInputException | ExecutorUnavailableException e) {
            console.println("run " + runId + " cannot start: " + e.getMessage());
            request.ticket().failed(e.getMessage());
            if (request.origin() != null) {
                outcomes.rejected(request.origin().name());
            }
            return new RunContext(request, runId, null, null, started, e.getMessage(), attached,
                    new UnitSlots(RunWidth.SERIAL));
        }
    }

    public UnitResult execute(@ExchangeProperty(RUN) RunContext run, @Body WorkUnit unit) throws InterruptedException {
        // in a parallel split the pool may hold more threads than this run may use at once
        run.slots().acquire();
        try {
            progress.unitStarted(unit);
            UnitResult result;
            try {
                result = ServiceRuns.measuresService(run.request().plan(), unit)
                        ? ServiceRuns.execute(run, unit, console::println) : run.executor().execute(unit);
            } catch (RuntimeException e) {
                // an executor bug or a lost connection must not end the run: the unit fails, the rest goes on
                LOG.debug("unit {} failed", unit.unitId(), e);
                result = UnitResult.failed(unit, run.executor().name(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
            progress.unitFinished(result);
            return result;
        } finally {
            run.slots().release();
        }
    }

    /**
     * The suites that drive an HTTP service rather than a worker process: the load test (and, with the
     * workers suite, replicas of the service). Runs after the worker units, so they do not share the CPU.
     * What they measure is attached to the run; the unit results in the body pass through untouched.
     */
    public void serviceSuites(@ExchangeProperty(RUN) RunContext run) {
        Plan plan = run.request().plan();
        if (run.spec() != null && plan.suites().workers() != null) {
            runWorkersSuite(run, plan);
        }
        if (run.spec() != null && plan.suites().capacity() != null) {
            new CapacitySuites(preparer, reports.options().utilizationTarget(), console)
                    .run(run, plan, RunCoordinator::serviceFailure);
        }
        if (run.spec() == null || plan.suites().load() == null) {
            return;
        }
        Plan.Load load = plan.suites().load();
        WorkerFleet instance = null;
        try {
            Path audio = preparer.loadAudio(run.request(), load.audio());
            String target = load.target();
            if (target == null) {
                // a plan with a service and no target loads one instance of the service, given all the executor's CPUs
                instance = serviceFleets(run, plan, audio, run.executor().maxCpus()).create();
                target = instance.start(1).get(0);
            }
            console.printf("load test: %s with %s%n", target, audio.getFileName());
            ObjectNode result = LoadSuite.run(new LoadSuite.Settings(target, audio,
                    load.concurrency() == null ? List.of(1, 2, 4, 8) : load.concurrency(),
                    load.requests() == null ? 20 : load.requests(), load.warmup() == null ? 2 : load.warmup(),
                    load.timeoutMs() == null ? 120_000 : load.timeoutMs(),
                    plan.sla() == null ? null : plan.sla().p95LatencyMs()), ServiceRuns.clients(plan).dialect(),
                    progress.loadListener());
            run.attached().put(Attachments.LOAD, result);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("load suite failed", e);
            run.serviceFailures().add(OneLine.of(e));
            console.println("load test failed: " + OneLine.of(e));
        } finally {
            if (instance != null) {
                instance.close();
            }
        }
    }

    private void runWorkersSuite(RunContext run, Plan plan) {
        Plan.Workers w = plan.suites().workers();
        try {
            Path audio = preparer.loadAudio(run.request(), w.audio());
            ModelInfo model = run.units().isEmpty() ? preparer.resolveModel(plan) : run.units().get(0).model();
            double cpus = w.cpus() == null ? 1.0 : w.cpus();
            ServiceDefinition service = ServiceDefinition.of(plan);
            ServiceClients clients = ServiceRuns.clients(plan);
            WorkerFleets fleets = serviceFleets(run, plan, audio, cpus);
            console.printf("workers suite: %s replicas of %s (%s) at %s CPU each%n", w.counts(), service.name(),
                    model.name(), cpus);
            ObjectNode result = WorkersSuite.run(new WorkersSuite.Settings(
                    w.counts() == null ? List.of(1, 2) : w.counts(),
                    w.requestsPerWorker() == null ? 10 : w.requestsPerWorker(),
                    w.concurrency() == null ? 2 : w.concurrency(), cpus, audio, Duration.ofMinutes(5),
                    clients.dialect()),
                    fleets::create, console::println);
            run.attached().put(Attachments.WORKERS, result);
        } catch (Exception e) {
            LOG.debug("workers suite failed", e);
            run.serviceFailures().add("workers: " + OneLine.of(e));
            console.println("workers suite failed: " + OneLine.of(e));
        }
    }

    private WorkerFleets serviceFleets(RunContext run, Plan plan, Path audio, double cpus) {
        ModelInfo model = run.units().isEmpty() ? preparer.resolveModel(plan) : run.units().get(0).model();
        return new WorkerFleets(run.executor(), run.runId(), model, ServiceDefinition.of(plan), ServiceRuns.clients(plan),
                audio, cpus);
    }

    /** Adds to the service suites' failure note rather than replacing another suite's. */
    private static void serviceFailure(RunContext run, String text) {
        run.serviceFailures().add(text);
    }

    /** {@code unitResults}: what the split gathered, in completion order; empty when there were no units. */
    public RunResult finish(@ExchangeProperty(RUN) RunContext run, @Body List<UnitResult> unitResults) throws IOException {
        List<UnitResult> results = new ArrayList<>(unitResults);
        results.sort(Comparator.comparingInt(r -> r.unit().index()));
        HostEnvironment here = new HostInspector().inspect();
        HostEnvironment measured = results.stream().filter(UnitResult::ok).map(UnitResult::environment)
                .filter(Objects::nonNull).findFirst().orElse(here);
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        run.units().forEach(u -> models.putIfAbsent(u.model().name(), u.model()));
        boolean synthetic = models.values().stream().anyMatch(ModelInfo::synthetic);
        List<String> notes = new ArrayList<>(run.spec() == null ? List.of() : run.spec().notes());
        if (run.failure() != null) {
            notes.add("run could not start: " + run.failure());
        }
        if (run.slots().width().note() != null) {
            notes.add(run.slots().width().note());
        }
        notes.addAll(PlacementNotes.of(results));
        boolean serviceFailed = !run.serviceFailures().isEmpty();
        if (serviceFailed) {
            notes.add("service suite failed: " + String.join("; ", run.serviceFailures()));
        }
        String runId = run.runId();
        RunResult result = new RunResult(RunResult.SCHEMA_VERSION, runId, run.request().plan().name(),
                run.request().plan(), run.started(), Instant.now(), measured.architecture(), measured.cpuModel(), here,
                run.executor() == null ? preparer.executorName(run.request().plan()) : run.executor().name(),
                List.copyOf(models.values()), synthetic, synthetic ? ModelInfo.SYNTHETIC_NOTICE : null, results, notes,
                null);
        for (Map.Entry<String, JsonNode> attached : run.attached().entrySet()) {
            result = Attachments.with(result, attached.getKey(), attached.getValue());
        }
        // derived figures (SLA checks among them) see what was attached, the load test's p95 for one
        result = Attachments.reanalyze(result);
        result = new HistoryAnalyzer(settings.outbox().resolve(Outbox.HISTORY_DIR)).attach(result);
        Path file = outbox.write(result);
        // killed here, the results exist without their reports: the next start renders them
        HaltPoint.reach("results-written");
        List<Path> written = new ArrayList<>(reports.render(result, outbox.runDir(runId)));
        SloReport.write(result, outbox.runDir(runId)).ifPresent(written::add);
        run.request().ticket().finished();
        boolean regressed = HistoryAnalyzer.shouldFail(result);
        if (regressed) {
            console.println("run " + runId + " is slower than its history beyond the noise (sttbench.fail-on-regression)");
        }
        boolean failed = run.failure() != null || serviceFailed || regressed
                || (results.isEmpty() && run.attached().isEmpty()) || result.failedUnits() > 0;
        outcomes.finished(file, failed, RunAnalyzer.sloMissed(result));
        console.printf("run %s %s: %d unit(s), %d failed%n", runId,
                run.failure() != null ? "did not start" : failed ? "finished with failures" : "finished", results.size(),
                result.failedUnits());
        // the three answers first, then the one report to open, then every file written
        for (String line : Answers.of(ReportInput.of(result, reports.options())).lines()) {
            console.println("  " + line);
        }
        Path first = outbox.runDir(runId).resolve(Reports.FIRST_REPORT);
        if (written.contains(first)) {
            console.println("  open first: " + first);
        }
        console.println("  results: " + file);
        for (Path report : written) {
            console.println("  report:  " + report);
        }
        return result;
    }

    /** A run that broke outside any unit (the outbox is not writable, a report failed): say so, count it failed. */
    public void crashed(@ExchangeProperty("CamelExceptionCaught") Exception error, @ExchangeProperty(RUN) RunContext run,
                        @Body Object body) {
        LOG.debug("run failed", error);
        String reason = "run failed: " + (error == null ? "unknown error" : OneLine.of(error));
        console.println(reason + (run == null ? "" : " (run " + run.runId() + ")"));
        RunRequest request = run != null ? run.request() : body instanceof RunRequest r ? r : null;
        if (request != null) {
            // its inputs go to .error/ with this reason rather than to .done/
            request.ticket().failed(reason);
        }
        outcomes.finished(null, true, false);
    }

    /** A webhook or mail server that did not take the notice: said once, the run's outcome stands. */
    public void deliveryFailed(@ExchangeProperty("CamelExceptionCaught") Exception error) {
        LOG.debug("delivery failed", error);
        console.println("delivery failed: " + (error == null ? "unknown error" : OneLine.of(error)));
    }
}
