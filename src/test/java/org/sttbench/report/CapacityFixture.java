package org.sttbench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.sttbench.Json;
import org.sttbench.analysis.MeasuredSizing;
import org.sttbench.analysis.SizingInput;
import org.sttbench.capacity.CapacityJson;
import org.sttbench.capacity.CapacityResult;
import org.sttbench.capacity.StepMeasurement;
import org.sttbench.plan.Plan;
import org.sttbench.results.Attachments;
import org.sttbench.results.RunResult;

/**
 * The ARM run with a capacity search on one 2-CPU replica and the verify step on a fleet this machine had to
 * scale down (4 of the 10 replicas predicted). Figures are realistic for the tiny model at 2 CPUs (about
 * 1.3 s per request alone, so a pod holds well under 1 req/s).
 */
final class CapacityFixture {
    private CapacityFixture() {
    }

    static RunResult capacityArm() {
        RunResult base = Fixtures.armSmall();
        Plan p = base.plan();
        Plan.Suites s = p.suites();
        Plan plan = new Plan("capacity-arm", "capacity of one tiny pod, then the fleet it predicts", p.model(),
                p.audio(), p.language(), p.executor(), p.timeoutS(), p.parallel(),
                new Plan.Suites(s.latency(), s.audio(), s.cpuScaling(), s.threads(), s.load(), s.workers(),
                        new Plan.Capacity(null, null, 2.0, 300, 0.25, null, null, null, null),
                        new Plan.Verify(60, 4, null, null, null)),
                new Plan.Sla(3000.0, 4.0, null, 0.01));
        RunResult run = new RunResult(base.schemaVersion(), "20261121-150000-capacity-arm", "capacity-arm", plan,
                base.timestamp(), base.finishedAt(), base.architecture(), base.cpuModel(), base.environment(),
                base.executor(), base.models(), base.synthetic(), base.notice(), base.units(), base.notes(), null);
        run = run.withAnalysis(base.analysis());
        List<CapacityResult.Step> steps = List.of(
                step(1, "met", "met the SLA", 0.25, 1300, 1380, 1420, 0.25, false),
                step(2, "met", "met the SLA", 0.5, 1330, 1620, 1710, 0.5, false),
                step(3, "saturated", "latency rose window after window: the server falls behind this rate", 1, 4100,
                        7900, 8800, 0.31, true),
                step(4, "sla_missed", "p95 3350 ms > SLA 3000 ms", 0.75, 2100, 3350, 3600, 0.66, true),
                step(5, "met", "met the SLA", 0.625, 1450, 2350, 2600, 0.62, false));
        CapacityResult result = new CapacityResult(3000, 0.01, 300, 212.4, CapacityResult.FOUND, 0.625, 0.625,
                "0.625 req/s met the SLA (p95 <= 3000 ms); 0.75 req/s did not", steps);
        ObjectNode capacity = CapacityJson.of(List.of("http://10.42.0.17:8080"), "en_5s.wav", result);
        capacity.put("replica_cpus", 2.0);
        capacity.put("per_pod", true);

        MeasuredSizing sizing = MeasuredSizing.of(4, 3000, 0.7, 0.625,
                new SizingInput(4, 3000, 1300, 1380.0, 2, 1, 0, 0.7));
        ObjectNode verify = Json.json().createObjectNode();
        verify.put("target_rps", 4.0);
        verify.put("sla_p95_ms", 3000.0);
        verify.put("max_error_rate", 0.01);
        verify.put("cpus_per_replica", 2.0);
        verify.set("sizing", Json.json().valueToTree(sizing));
        verify.put("predicted_replicas", sizing.pods());
        verify.put("replicas", 4);
        verify.put("rate_rps", 1.6);
        verify.put("scaled_down", true);
        verify.put("scale_note", "this machine holds 4 of the 10 replicas: 4 ran at 1.6 req/s, the target's rate per"
                + " replica (1.6 of 4 req/s)");
        verify.put("predicted_p95_ms", 1524.0);
        ObjectNode measured = verify.putObject("measured");
        measured.put("p50_ms", 1390.0);
        measured.put("p95_ms", 1710.0);
        measured.put("p99_ms", 1980.0);
        measured.put("scheduled", 96);
        measured.put("sent", 96);
        measured.put("ok", 96);
        measured.put("errors", 0);
        measured.put("dropped", 0);
        measured.put("throughput_rps", 1.57);
        measured.put("error_rate", 0.0);
        measured.put("goodput_rps", 1.6);
        measured.put("good_share", 1.0);
        measured.putObject("errors_by_cause");
        verify.put("status", "ran");
        verify.put("verified", true);
        verify.put("verdict", "sizing verified (on a scaled-down fleet)");
        run = Attachments.with(run, Attachments.CAPACITY, capacity);
        return Attachments.with(run, Attachments.VERIFY, verify);
    }

    private static CapacityResult.Step step(int index, String verdict, String reason, double rate, double p50,
                                            double p95, double p99, double goodput, boolean rising) {
        long n = Math.round(rate * 24);
        return new CapacityResult.Step(index, verdict, reason, new StepMeasurement(rate, 24, List.of(), !rising,
                rising, n, n, 0, 0, n, 0, rate, Math.min(rate, 0.66), goodput, p50, p95, p99, Map.of(), null));
    }
}
