package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.cli.ExitCode;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.models.ModelInfo;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.workers.DockerWorkerFleet;

/** The workers suite on the docker executor: replicas are containers, loaded together, then removed. */
@Tag("docker")
class DockerWorkersPipelineTest {
    @Test
    void oneAndTwoReplicaContainersGiveThroughputAndEfficiency(@TempDir Path dir) throws Exception {
        String image = DockerTestSupport.workerImage();
        ModelInfo model = DockerTestSupport.model("micro");
        Path plan = dir.resolve("docker-fleet.plan.yaml");
        Files.writeString(plan, """
                name: docker-fleet
                model: %s
                audio: test_audio/en_5s.wav
                executor: docker
                suites:
                  workers: { counts: [1, 2], requests_per_worker: 3, concurrency: 1, cpus: 1 }
                """.formatted(model.path()));
        Path outbox = dir.resolve("outbox");

        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.outbox", outbox.toString(),
                "sttbench.docker.image-tag", image.substring(image.indexOf(':') + 1)), false)) {
            app.runPlan(plan);
            assertThat(ExitCode.of(app.outcomes().outcome())).isEqualTo(ExitCode.OK);
        }

        Path resultsFile = outbox.resolve("latest").resolve(Outbox.RESULTS_FILE);
        RunResult run = Outbox.read(resultsFile);
        assertThat(ResultsSchema.problems(resultsFile)).isEmpty();
        assertThat(run.executor()).isEqualTo("docker");
        JsonNode points = run.analysis().get("workers").get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("workers").asInt()).isEqualTo(1);
        assertThat(points.get(1).get("workers").asInt()).isEqualTo(2);
        for (JsonNode point : points) {
            assertThat(point.get("rps").asDouble()).as(point.toString()).isPositive();
            assertThat(point.get("success_rate").asDouble()).as(point.toString()).isEqualTo(1.0);
            assertThat(point.get("efficiency").isNumber()).as(point.toString()).isTrue();
        }
        assertThat(points.get(0).get("efficiency").asDouble()).isEqualTo(1.0);
        assertThat(points.get(1).get("efficiency").asDouble()).isPositive();
        assertThat(outbox.resolve(run.runId()).resolve("workers.md")).exists();
        // every replica container was removed
        assertThat(DockerTestSupport.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerExecutor.RUN_LABEL, run.runId(),
                        DockerWorkerFleet.ROLE_LABEL, DockerWorkerFleet.ROLE)).exec()).isEmpty();
    }
}
