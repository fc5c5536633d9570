package org.sttbench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.models.ModelInfo;

/** The capacity and verify suites in a plan: what the schema takes and what the rest of the plan must give. */
class CapacityPlanTest {
    @TempDir
    Path home;

    private RunSpec expand(String yaml) throws Exception {
        Files.createDirectories(home.resolve("clips"));
        Files.writeString(home.resolve("clips/a.wav"), "x");
        PlanExpander expander = new PlanExpander(name -> new ModelInfo("tiny", home.resolve("ggml-tiny.bin"), 1,
                "abc", true), new AudioSelector(List.of(home), List.of(home)));
        return expander.expand("r1", new PlanLoader().parse(yaml, "c.plan.yaml"), null, List.of(), 8);
    }

    @Test
    void capacityAndVerifyWithTheirSlaExpandToNoWorkerUnits() throws Exception {
        RunSpec spec = expand("""
                name: c
                audio: [clips/*]
                suites:
                  capacity: { cpus: 2, budget_s: 120, start_rate: 0.5, window_s: 3 }
                  verify: { duration_s: 30, max_replicas: 3 }
                sla: { p95_latency_ms: 3000, target_rps: 4 }
                """);
        assertThat(spec.units()).isEmpty();
    }

    @Test
    void verifyWithoutCapacityOrTargetAndCapacityWithoutP95AreOneLineEach() {
        InvalidPlanException e = catchThrowableOfType(() -> expand("""
                name: c
                audio: [clips/*]
                suites:
                  verify: {}
                sla: { max_rtf: 1 }
                """), InvalidPlanException.class);
        assertThat(e.getMessage()).contains("the verify suite checks a sizing from measured capacity: add the capacity suite")
                .contains("the verify suite drives sla.target_rps: add it to sla");
        e = catchThrowableOfType(() -> expand("""
                name: c
                audio: [clips/*]
                suites:
                  capacity: { start_rate: 5, max_rate: 2 }
                """), InvalidPlanException.class);
        assertThat(e.getMessage()).contains("within sla.p95_latency_ms: add it to sla")
                .contains("capacity.start_rate 5.0 is above capacity.max_rate 2.0");
    }

    @Test
    void theSchemaRejectsUnknownCapacityOptions() {
        InvalidPlanException e = catchThrowableOfType(() -> new PlanLoader().parse("""
                name: c
                suites:
                  capacity: { rate: 5 }
                """, "c.plan.yaml"), InvalidPlanException.class);
        assertThat(e.getMessage()).contains("rate");
    }

    @Test
    void aTrafficBlockLoadsAndItsMisusesAreOneLineEach() throws Exception {
        Plan plan = new PlanLoader().parse("""
                name: t
                audio: [clips/*]
                suites:
                  load: { target: "http://127.0.0.1:1", rates: [2, 4], duration_s: 5 }
                traffic:
                  arrival: gamma
                  burstiness: 0.5
                  seed: 3
                  clips: [ { audio: "clips/*", weight: 2 } ]
                  raw_data: true
                """, "t.plan.yaml");
        assertThat(plan.traffic().burstiness()).isEqualTo(0.5);
        assertThat(plan.traffic().clips().get(0).weight()).isEqualTo(2.0);
        assertThat(plan.suites().load().rates()).containsExactly(2.0, 4.0);
        InvalidPlanException e = catchThrowableOfType(() -> expand("""
                name: t
                audio: [clips/*]
                suites:
                  latency: {}
                traffic: { arrival: poisson, burstiness: 2 }
                """), InvalidPlanException.class);
        assertThat(e.getMessage()).contains("traffic.burstiness applies to arrival: gamma only (arrival is poisson)")
                .contains("traffic: applies to the load, capacity and verify suites");
        assertThat(catchThrowableOfType(() -> new PlanLoader().parse("""
                name: t
                suites: { load: { target: "http://127.0.0.1:1" } }
                traffic: { arrival: bursty, clips: [ { audio: a.wav, weight: 0 } ] }
                """, "t.plan.yaml"), InvalidPlanException.class)).hasMessageContaining("arrival")
                .hasMessageContaining("weight");
    }
}
