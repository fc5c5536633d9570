package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.cli.ExitCode;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.results.SloReport;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.TestModels;

/** A plan with a load suite, run through the routes against a loopback endpoint with a known latency. */
class LoadSuitePipelineTest {
    @Test
    void loadResultsSlaChecksAndTheJunitFile(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(Executors.newFixedThreadPool(8));
        stub.createContext("/v1/audio/transcriptions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            Path plan = dir.resolve("svc.plan.yaml");
            Files.writeString(plan, "name: svc\nmodel: " + TestModels.micro() + "\naudio: test_audio/en_5s.wav\n"
                    + "suites:\n  latency: { iterations: 2, warmup: 0 }\n"
                    + "  load: { target: http://127.0.0.1:" + stub.getAddress().getPort()
                    + ", concurrency: [1, 2], requests: 4, warmup: 1 }\n"
                    + "sla: { p95_latency_ms: 5, max_error_rate: 0.1 }\n");
            Path outbox = dir.resolve("outbox");
            int code;
            try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(),
                    Map.of("sttbench.outbox", outbox.toString()), false)) {
                app.runPlan(plan);
                code = ExitCode.of(app.outcomes().outcome());
            }
            // a 5 ms p95 cannot hold against a 40 ms endpoint: the run misses its SLO
            assertThat(code).isEqualTo(ExitCode.SLO_FAILED);
            assertThat(requests.get()).isEqualTo(2 * (4 + 1));

            Path results;
            try (Stream<Path> walk = Files.walk(outbox, 2)) {
                results = walk.filter(p -> p.endsWith(Outbox.RESULTS_FILE)).findFirst().orElseThrow();
            }
            RunResult run = Outbox.read(results);
            assertThat(ResultsSchema.problems(results)).isEmpty();
            JsonNode load = run.analysis().get("load");
            assertThat(load.get("levels")).hasSize(2);
            JsonNode first = load.get("levels").get(0);
            assertThat(first.get("concurrency").asInt()).isEqualTo(1);
            assertThat(first.get("ok").asInt()).isEqualTo(4);
            assertThat(first.get("p50_ms").asDouble()).isBetween(40.0, 400.0);
            assertThat(first.get("success_rate").asDouble()).isEqualTo(1.0);
            assertThat(load.get("max_rps").asDouble()).isPositive();

            JsonNode checks = run.analysis().get("sla").get("checks");
            assertThat(checks.findValuesAsText("name")).contains("load_p95_latency_ms", "load_error_rate");
            String junit = Files.readString(results.resolveSibling(SloReport.FILE));
            assertThat(junit).contains("<testsuite name=\"sttbench SLO svc\"").contains("name=\"load_p95_latency_ms\"")
                    .contains("<failure").contains("name=\"load_error_rate\"");
            assertThat(results.resolveSibling("load.md")).exists();
        } finally {
            stub.stop(0);
        }
    }
}
