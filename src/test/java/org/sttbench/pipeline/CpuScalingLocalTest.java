package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.TestModels;

/** Issue 4's acceptance plan on the local executor: no Docker needed. */
class CpuScalingLocalTest {
    @Test
    void cpuScalingAndThreadsOnTheLocalExecutor(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("scaling.plan.yaml");
        Files.writeString(plan, "name: scaling\nmodel: " + TestModels.micro() + "\naudio: test_audio/en_5s.wav\n"
                + "executor: local\nsuites:\n"
                + "  cpu_scaling: { cpus: [1, 2, 64], iterations: 5, warmup: 1 }\n"
                + "  threads: { cpus: 1, threads: [1, 2], iterations: 5, warmup: 1 }\n");
        Path outbox = dir.resolve("outbox");
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(),
                Map.of("sttbench.outbox", outbox.toString()), false)) {
            app.runPlan(plan);
        }
        RunResult run = Outbox.read(outbox.resolve("latest").resolve(Outbox.RESULTS_FILE));
        assertThat(run.units()).allSatisfy(u -> assertThat(u.ok()).as(u.error()).isTrue());
        assertThat(run.units()).filteredOn(u -> u.unit().suite() == Suite.CPU_SCALING)
                .extracting(u -> u.unit().cpuLimit()).containsExactly(1.0, 2.0);
        // 64 CPUs cannot be given on this host: skipped and said so
        assertThat(run.notes()).anySatisfy(n -> assertThat(n).contains("64 CPUs skipped"));

        JsonNode scaling = run.analysis().get("cpu_scaling").elements().next();
        assertThat(scaling.get("points")).hasSize(2);
        for (JsonNode point : scaling.get("points")) {
            assertThat(point.has("speedup")).isTrue();
            assertThat(point.has("efficiency")).isTrue();
        }
        assertThat(scaling.get("points").get(0).get("speedup").asDouble()).isEqualTo(1.0);
        for (UnitResult unit : run.units()) {
            double ratio = unit.usage().cpuPerWall() / unit.unit().cpuLimit();
            assertThat(ratio).as(unit.unit().unitId() + " CPU/wall over its limit").isLessThanOrEqualTo(1.15);
            assertThat(unit.threadDerivation()).contains("limit via");
        }
        assertThat(run.analysis().get("limit_checks")).hasSize(4)
                .allSatisfy(check -> assertThat(check.get("held").asBoolean()).isTrue());
        assertThat(run.analysis().get("threads").elements().next().get("recommended_threads").asInt()).isIn(1, 2);
        assertThat(outbox.resolve(run.runId()).resolve("cpu-scaling.html")).exists();
        assertThat(outbox.resolve(run.runId()).resolve("threads.md")).exists();
    }
}
