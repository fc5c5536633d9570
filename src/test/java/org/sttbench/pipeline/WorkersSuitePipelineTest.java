package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.cli.ExitCode;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.TestModels;

/** The workers suite on the local executor: real `serve` replicas, loaded together, then stopped. */
class WorkersSuitePipelineTest {
    @Test
    void oneAndTwoReplicasGiveThroughputAndEfficiency(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("fleet.plan.yaml");
        Files.writeString(plan, "name: fleet\nmodel: " + TestModels.micro() + "\naudio: test_audio/en_5s.wav\n"
                + "suites:\n  workers: { counts: [1, 2], requests_per_worker: 4, concurrency: 1, cpus: 1 }\n");
        Path outbox = dir.resolve("outbox");
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(),
                Map.of("sttbench.outbox", outbox.toString()), false)) {
            app.runPlan(plan);
            assertThat(ExitCode.of(app.outcomes().outcome())).isEqualTo(ExitCode.OK);
        }
        RunResult run = Outbox.read(outbox.resolve("latest").resolve(Outbox.RESULTS_FILE));
        assertThat(ResultsSchema.problems(outbox.resolve("latest").resolve(Outbox.RESULTS_FILE))).isEmpty();
        JsonNode points = run.analysis().get("workers").get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("workers").asInt()).isEqualTo(1);
        assertThat(points.get(0).get("efficiency").asDouble()).isEqualTo(1.0);
        assertThat(points.get(1).get("workers").asInt()).isEqualTo(2);
        assertThat(points.get(1).get("rps").asDouble()).isPositive();
        assertThat(points.get(1).get("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(points.get(1).get("expected_rps").asDouble())
                .isCloseTo(2 * points.get(0).get("rps").asDouble(), Offset.offset(1e-6));
        assertThat(outbox.resolve(run.runId()).resolve("workers.md")).exists();
        // every replica was stopped
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains(" serve "))
                .count()).isZero();
    }
}
