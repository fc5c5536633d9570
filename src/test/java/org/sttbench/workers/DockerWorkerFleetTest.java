package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.docker.DockerSettings;
import org.sttbench.load.AudioPayload;

/** Replicas of `serve` as containers: reachable on published loopback ports, and always removed. */
@Tag("docker")
class DockerWorkerFleetTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoReplicasAnswerHealthAndTranscribeThenAreRemoved() throws Exception {
        String image = DockerTestSupport.workerImage();
        Path model = DockerTestSupport.model("micro").path();
        String runId = "fleet-test-" + UUID.randomUUID().toString().substring(0, 8);
        DockerWorkerFleet fleet = new DockerWorkerFleet(DockerTestSupport.client(), DockerSettings.defaults(() -> image),
                image, runId, model, 1.0, Duration.ofMinutes(2));
        try {
            List<String> urls = fleet.start(2);

            assertThat(urls).hasSize(2).doesNotHaveDuplicates()
                    .allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+"));
            List<Container> running = containers(runId);
            assertThat(running).hasSize(2).allSatisfy(c -> {
                assertThat(c.getLabels()).containsEntry(DockerWorkerFleet.ROLE_LABEL, DockerWorkerFleet.ROLE);
                assertThat(c.getState()).isEqualTo("running");
            });
            // the limits of the docker executor: 1 CPU as NanoCPUs, its memory limit, the model read-only
            var host = DockerTestSupport.client().inspectContainerCmd(running.get(0).getId()).exec().getHostConfig();
            assertThat(host.getNanoCPUs()).isEqualTo(1_000_000_000L);
            assertThat(host.getMemory()).isEqualTo(DockerSettings.DEFAULT_MEMORY_BYTES);
            assertThat(host.getNetworkMode()).isEqualTo("bridge");

            AudioPayload payload = AudioPayload.of(DockerTestSupport.EN_5S, null, "json", "en");
            for (String url : urls) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);

                HttpResponse<String> transcription = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/v1/audio/transcriptions"))
                                .header("Content-Type", payload.contentType())
                                .timeout(Duration.ofMinutes(1))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(transcription.statusCode()).as(transcription.body()).isEqualTo(200);
                JsonNode body = Json.json().readTree(transcription.body());
                assertThat(body.has("text")).as(transcription.body()).isTrue();
            }
        } finally {
            fleet.close();
        }
        assertThat(containers(runId)).isEmpty();
        fleet.close();   // a second close is harmless
    }

    @Test
    void aGarbageModelFailsStartWithTheReplicasReasonAndLeavesNothing(@TempDir Path dir) throws Exception {
        String image = DockerTestSupport.workerImage();
        Path garbage = dir.resolve("garbage.bin");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Files.write(garbage, bytes);
        String runId = "fleet-test-bad-" + UUID.randomUUID().toString().substring(0, 8);

        try (DockerWorkerFleet fleet = new DockerWorkerFleet(DockerTestSupport.client(),
                DockerSettings.defaults(() -> image), image, runId, garbage, 1.0, Duration.ofMinutes(2))) {
            assertThatThrownBy(() -> fleet.start(2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("worker replica 1/2")
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("garbage.bin")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            // start tore down what it had started, before close
            assertThat(containers(runId)).isEmpty();
        }
        assertThat(containers(runId)).isEmpty();
    }

    @Test
    void aMissingImageIsNamedAndNothingIsLeft() {
        DockerTestSupport.client();
        String runId = "fleet-test-noimage-" + UUID.randomUUID().toString().substring(0, 8);
        String image = "sttbench-worker:no-such-tag";
        try (DockerWorkerFleet fleet = new DockerWorkerFleet(DockerTestSupport.client(),
                DockerSettings.defaults(() -> image), image, runId, DockerTestSupport.model("micro").path(), 1.0,
                Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> fleet.start(1))
                    .isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessage("worker image sttbench-worker:no-such-tag not found; build it with: ./sttbench image build");
        }
        assertThat(containers(runId)).isEmpty();
    }

    @Test
    void anEngineThatDoesNotAnswerGivesOneLine(@TempDir Path dir) {
        String host = "unix://" + dir.resolve("no-engine.sock");
        DockerExecutor nowhere = new DockerExecutor(DockerSettings.defaults(() -> "x:y").withHost(host), l -> { });
        try (DockerWorkerFleet fleet = DockerWorkerFleet.on(nowhere, "fleet-test-nowhere", dir.resolve("m.bin"), 1.0,
                Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> fleet.start(1))
                    .isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessageStartingWith("Docker engine not reachable at " + host + ": ")
                    .hasMessageEndingWith("; start it or set sttbench.docker.host")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            nowhere.close();
        }
    }

    private static List<Container> containers(String runId) {
        return DockerTestSupport.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerExecutor.RUN_LABEL, runId)).exec();
    }
}
