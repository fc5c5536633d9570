package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sttbench.Json;

/** Inputs arrive as snake_case JSON/YAML from result files and plans; optional fields may be absent. */
class InputRecordsJsonTest {

    @Test
    void readsSnakeCaseInputs() throws Exception {
        var json = Json.json();
        assertThat(json.readValue("{\"cpus\": 2, \"latency_ms\": 500}", CpuPoint.class))
                .isEqualTo(new CpuPoint(2, 500));
        assertThat(json.readValue("{\"cpus\": 2, \"latency_ms\": 500, \"rps\": 2.0, \"cpu_per_wall\": 1.9}",
                CpuPoint.class)).isEqualTo(new CpuPoint(2, 500, 2.0, 1.9));
        assertThat(json.readValue("{\"threads\": 4, \"latency_ms\": 300, \"throttled_ratio\": 0.2}",
                ThreadPoint.class)).isEqualTo(new ThreadPoint(4, 300, 0.2));
        assertThat(json.readValue("{\"model\": \"tiny\", \"cpu_limit\": 1, \"avg_latency_ms\": 900}",
                NormalizationRatio.MachineResult.class)).isEqualTo(new NormalizationRatio.MachineResult("tiny", 1, 900));
        SizingInput in = Json.yaml().readValue("""
                target_rps: 10
                sla_p95_ms: 2000
                service_ms: 800
                cpus_per_pod: 2
                slots_per_pod: 1
                memory_per_pod_mb: 2048
                utilization_target: 0.7
                """, SizingInput.class);
        assertThat(in.serviceP95Ms()).isNull();
        assertThat(in.rpsPerPod()).isEqualTo(1.25);
        assertThat(json.writeValueAsString(in)).doesNotContain("rps_per_pod");
    }
}
