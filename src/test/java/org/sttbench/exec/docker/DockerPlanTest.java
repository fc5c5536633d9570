package org.sttbench.exec.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.models.ModelInfo;
import org.sttbench.pipeline.PipelineApp;

/** A CPU scaling and thread plan run through the pipeline with every unit in a container. */
@Tag("docker")
class DockerPlanTest {
    @Test
    void cpuScalingAndThreadsRunInContainersWithTheirLimitsHeld(@TempDir Path tmp) throws Exception {
        String image = DockerTestSupport.workerImage();
        ModelInfo model = DockerTestSupport.model("micro");
        Path plan = tmp.resolve("docker-scaling.plan.yaml");
        Files.writeString(plan, """
                name: docker-scaling
                model: %s
                audio: [test_audio/en_5s.wav]
                executor: docker
                suites:
                  cpu_scaling: { cpus: [1, 2], iterations: 8, warmup: 1 }
                  threads: { cpus: 1, threads: [1, 2], iterations: 8, warmup: 1 }
                """.formatted(model.path()));
        Path outbox = tmp.resolve("outbox");

        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.outbox", outbox.toString(),
                "sttbench.docker.image-tag", image.substring(image.indexOf(':') + 1)), false)) {
            app.runPlan(plan);
        }

        Path resultsFile;
        try (Stream<Path> files = Files.walk(outbox)) {
            resultsFile = files.filter(p -> p.getFileName().toString().equals("results.json"))
                    .filter(p -> !p.toString().contains("history")).findFirst().orElseThrow();
        }
        JsonNode results = Json.json().readTree(resultsFile.toFile());
        assertThat(results.path("executor").asText()).isEqualTo("docker");
        List<JsonNode> units = iterable(results.path("units"));
        assertThat(units).hasSize(4).allSatisfy(unit -> {
            assertThat(unit.path("status").asText()).as(unit.path("error").asText()).isEqualTo("ok");
            assertThat(unit.path("executor").asText()).isEqualTo("docker");
            assertThat(unit.path("environment").path("container").asText()).isEqualTo("docker");
        });
        JsonNode scaling = results.path("analysis").path("cpu_scaling").path(model.name());
        assertThat(iterable(scaling.path("points"))).hasSize(2).allSatisfy(point -> {
            assertThat(point.has("speedup")).isTrue();
            assertThat(point.has("efficiency")).isTrue();
        });
        List<JsonNode> checks = iterable(results.path("analysis").path("limit_checks"));
        // What a limit guarantees is a ceiling: CPU/wall never above it (15 % for measurement), and the
        // cgroup's throttling counters read. How close a unit comes to it depends on what else the host
        // runs, so there is no floor here.
        assertThat(checks).hasSize(4).allSatisfy(check -> {
            assertThat(check.path("held").asBoolean()).as(check.toString()).isTrue();
            assertThat(check.path("ratio").asDouble()).as(check.toString()).isGreaterThan(0).isLessThanOrEqualTo(1.15);
            assertThat(check.path("throttled_ratio").isNumber()).as(check.toString()).isTrue();
            assertThat(check.path("throttled_ratio").asDouble()).as(check.toString()).isBetween(0.0, 1.0);
        });
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
