package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health and metrics endpoints: served by `run` (service mode), not by once, bench or demo. */
class ObservabilityTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Map<String, String> overrides(int port, boolean service) {
        Map<String, String> map = new HashMap<>();
        map.put("sttbench.inbox", dir.resolve("inbox").toString());
        map.put("sttbench.outbox", dir.resolve("outbox").toString());
        map.put("camel.management.port", String.valueOf(port));
        map.put("camel.management.host", "127.0.0.1");
        if (service) {
            map.put(PipelineApp.SERVICE, "true");
        }
        return map;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serviceModeServesHealthAndPrometheusMetricsWithTheRunMeters() throws Exception {
        Path home = TestHome.create(dir.resolve("home"));
        int port = freePort();
        Map<String, String> overrides = overrides(port, true);
        overrides.put("sttbench.schedule.nightly.cron", "0 0 2 * * ?");
        overrides.put("sttbench.schedule.nightly.plan", "nightly.plan.yaml");

        try (PipelineApp app = PipelineApp.start(home, overrides, true)) {
            // consumers report DOWN until their first poll (Camel's initial health state): ready soon after
            HttpResponse<String> health = get(port, "/observe/health");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (health.statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                health = get(port, "/observe/health");
            }
            HttpResponse<String> metrics = get(port, "/observe/metrics");

            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("route:run");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("sttbench_runs_started_total 0.0")
                    .contains("sttbench_runs_finished_total 0.0")
                    .contains("sttbench_runs_failed_total 0.0")
                    .contains("sttbench_units_finished_total 0.0")
                    .contains("sttbench_inbox_pending 0.0")
                    .contains("sttbench_runs_queued 0.0")
                    .contains("sttbench_schedule_skipped_total{schedule=\"nightly\"} 0.0");
        }
    }

    @Test
    void otherModesBindNoPort() throws Exception {
        Path home = TestHome.create(dir.resolve("home"));
        int port = freePort();

        try (PipelineApp app = PipelineApp.start(home, overrides(port, false), false)) {
            assertThat(app.context().getStatus().isStarted()).isTrue();
            assertThatThrownBy(() -> get(port, "/observe/health")).isInstanceOf(ConnectException.class);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
