package org.sttbench.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.Json;
import org.sttbench.OneLine;
import org.sttbench.analysis.MeasuredSizing;
import org.sttbench.capacity.CapacityResult;
import org.sttbench.capacity.CapacitySuite;
import org.sttbench.capacity.SearchSettings;
import org.sttbench.capacity.VerifySuite;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.Plan;
import org.sttbench.results.Attachments;

/**
 * The plan's {@code capacity} suite, then its {@code verify} suite: the highest rate within the SLA, the pods
 * that predicts for the target rate, and that fleet run and judged. Attaches {@code analysis.capacity} and
 * {@code analysis.verify}; a target that is down, fails every request, or replicas that cannot start are
 * reported as the service suites' failure (the run fails).
 */
final class CapacitySuites {
    private static final Logger LOG = LoggerFactory.getLogger(CapacitySuites.class);

    private final PlanPreparer preparer;
    private final double utilizationTarget;
    private final PrintStream console;

    CapacitySuites(PlanPreparer preparer, double utilizationTarget, PrintStream console) {
        this.preparer = preparer;
        this.utilizationTarget = utilizationTarget;
        this.console = console;
    }

    void run(RunContext run, Plan plan, BiConsumer<RunContext, String> serviceFailure) {
        Plan.Capacity c = plan.suites().capacity();
        Plan.Sla sla = plan.sla();
        double maxErrors = sla.maxErrorRate() == null ? SearchSettings.DEFAULT_MAX_ERROR_RATE : sla.maxErrorRate();
        ObjectNode capacity;
        try {
            Path audio = preparer.loadAudio(run.request(), c.audio());
            double cpus = c.cpus() == null ? 1.0 : c.cpus();
            SearchSettings search = new SearchSettings(sla.p95LatencyMs(), maxErrors,
                    Duration.ofSeconds(c.budgetS() == null ? 300 : c.budgetS()),
                    c.startRate() == null ? 1 : c.startRate(), c.maxRate() == null ? 10_000 : c.maxRate(),
                    c.precision() == null ? SearchSettings.DEFAULT_PRECISION : c.precision(),
                    SearchSettings.DEFAULT_MAX_LATE_SHARE);
            console.printf("capacity: %s, SLA p95 <= %s ms%n", c.target() == null ? "one replica at " + cpus + " CPU"
                    : c.target(), sla.p95LatencyMs());
            capacity = CapacitySuite.run(new CapacitySuite.Settings(c.target(), audio, cpus, search,
                    c.windowS(),
                    Duration.ofMillis(c.timeoutMs() == null ? 120_000 : c.timeoutMs())),
                    () -> fleetsFor(run, plan, cpus).create(), console::println);
            if (sla.targetRps() != null) {
                double utilization = utilizationTarget;
                MeasuredSizing sizing = VerifySuite.sizing(capacity, sla.targetRps(),
                        sla.p95LatencyMs(), cpus, utilization);
                if (sizing != null) {
                    capacity.set("sizing", Json.json().valueToTree(sizing));
                }
            }
            run.attached().put(Attachments.CAPACITY, capacity);
            String outcome = capacity.path("outcome").asText();
            if (outcome.equals(CapacityResult.TARGET_DOWN) || outcome.equals(CapacityResult.ALL_ERRORS)) {
                serviceFailure.accept(run, "capacity: " + capacity.path("message").asText());
            }
        } catch (Exception e) {
            LOG.debug("capacity suite failed", e);
            serviceFailure.accept(run, "capacity: " + OneLine.of(e));
            console.println("capacity suite failed: " + OneLine.of(e));
            return;
        }
        Plan.Verify v = plan.suites().verify();
        if (v == null) {
            return;
        }
        try {
            Path audio = preparer.loadAudio(run.request(), v.audio() != null ? v.audio() : c.audio());
            double cpus = v.cpus() != null ? v.cpus() : c.cpus() == null ? 1.0 : c.cpus();
            double utilization = v.utilization() != null ? v.utilization() : utilizationTarget;
            int machine = (int) Math.max(1, Math.floor(run.executor().maxCpus() / cpus + 1e-9));
            int maxReplicas = v.maxReplicas() == null ? machine : Math.min(machine, v.maxReplicas());
            VerifySuite.Settings settings = new VerifySuite.Settings(sla.targetRps(), sla.p95LatencyMs(), maxErrors,
                    utilization, cpus, maxReplicas, Duration.ofSeconds(v.durationS() == null ? 30 : v.durationS()),
                    audio, Duration.ofMillis(c.timeoutMs() == null ? 120_000 : c.timeoutMs()));
            ObjectNode verify = VerifySuite.run(settings, capacity, () -> fleetsFor(run, plan, cpus).create(),
                    console::println);
            run.attached().put(Attachments.VERIFY, verify);
            if ("could_not_start".equals(verify.path("status").asText())) {
                serviceFailure.accept(run, "verify: " + verify.path("verdict").asText());
            }
        } catch (Exception e) {
            LOG.debug("verify suite failed", e);
            serviceFailure.accept(run, "verify: " + OneLine.of(e));
            console.println("verify suite failed: " + OneLine.of(e));
        }
    }

    private WorkerFleets fleetsFor(RunContext run, Plan plan, double cpus) {
        ModelInfo model = run.units().isEmpty() ? preparer.resolveModel(plan) : run.units().get(0).model();
        return new WorkerFleets(run.executor(), run.runId(), model, cpus);
    }

}
