package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.load.LoadSuiteTrafficTest;
import org.sttbench.load.StubTranscriptionServer;
import org.sttbench.results.Outbox;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.TestModels;

/**
 * A plan whose traffic block asks for Poisson arrivals, a two-clip weighted mix and raw data, with an
 * open-model load suite, run through the routes against a loopback endpoint.
 */
class TrafficPlanPipelineTest {
    /** Runs the plan through the routes and returns its results.json, checked against the results schema. */
    static Path runPlan(Path dir, String yaml) throws Exception {
        Path plan = dir.resolve("traffic.plan.yaml");
        Files.writeString(plan, yaml);
        Path outbox = dir.resolve("outbox");
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(),
                Map.of("sttbench.outbox", outbox.toString()), false)) {
            app.runPlan(plan);
            app.outcomes().outcome();
        }
        Path results;
        try (Stream<Path> walk = Files.walk(outbox, 2)) {
            results = walk.filter(p -> p.endsWith(Outbox.RESULTS_FILE)).findFirst().orElseThrow();
        }
        assertThat(ResultsSchema.problems(results)).isEmpty();
        return results;
    }

    static StubTranscriptionServer stub() throws Exception {
        return new StubTranscriptionServer(8, i -> {
            Thread.sleep(5);
            return 200;
        });
    }

    @Test
    void theLoadSuiteUsesThePlansTrafficAndWritesRawDataBesideResults(@TempDir Path dir) throws Exception {
        try (StubTranscriptionServer stub = stub()) {
            Path results = runPlan(dir, "name: mix\nmodel: " + TestModels.micro() + "\naudio: test_audio/en_5s.wav\n"
                    + "suites:\n  latency: { iterations: 1, warmup: 0 }\n"
                    + "  load: { target: " + stub.baseUrl() + ", rates: [20], duration_s: 2 }\n"
                    + "traffic:\n  arrival: poisson\n  seed: 11\n  raw_data: true\n"
                    + "  clips:\n    - { audio: test_audio/en_5s.wav, weight: 3 }\n"
                    + "    - { audio: test_audio/en_30s.wav, weight: 1 }\n"
                    + "sla: { p95_latency_ms: 5000 }\n");
            JsonNode load = Outbox.read(results).analysis().get("load");
            assertThat(load.get("mode").asText()).isEqualTo("open");
            assertThat(load.get("arrival").asText()).isEqualTo("poisson");
            assertThat(load.get("seed").asLong()).isEqualTo(11);
            assertThat(load.get("clips").get("en_5s.wav").asDouble()).isEqualTo(3.0);
            assertThat(load.get("clips").get("en_30s.wav").asDouble()).isEqualTo(1.0);
            JsonNode total = load.get("open").get("total");
            assertThat(total.get("goodput_rps").asDouble()).isPositive();
            assertThat(total.get("by_bucket").size()).isEqualTo(2);

            Path requests = results.resolveSibling("load" + PlanTraffic.REQUESTS_SUFFIX);
            Path hlog = results.resolveSibling("load" + PlanTraffic.HISTOGRAM_SUFFIX);
            assertThat(Files.readAllLines(requests)).hasSize(total.get("sent").asInt());
            assertThat(LoadSuiteTrafficTest.histogramCount(hlog)).isEqualTo(total.get("successes").asLong());
        }
    }

    @Test
    void theCapacitySearchOfAPlanSendsItsTrafficAndWritesRawData(@TempDir Path dir) throws Exception {
        try (StubTranscriptionServer stub = stub()) {
            Path results = runPlan(dir, "name: cap\nmodel: " + TestModels.micro() + "\naudio: test_audio/en_5s.wav\n"
                    + "suites:\n  capacity: { target: " + stub.baseUrl()
                    + ", budget_s: 8, start_rate: 5, max_rate: 20, precision: 0.5, window_s: 0.5 }\n"
                    + "traffic:\n  arrival: gamma\n  burstiness: 0.5\n  raw_data: true\n"
                    + "  clips:\n    - { audio: test_audio/en_5s.wav }\n    - { audio: test_audio/vi_30s.wav }\n"
                    + "sla: { p95_latency_ms: 2000 }\n");
            JsonNode capacity = Outbox.read(results).analysis().get("capacity");
            assertThat(capacity.get("arrival").asText()).isEqualTo("gamma(0.5)");
            assertThat(capacity.get("clips").size()).isEqualTo(2);
            Path requests = results.resolveSibling("capacity" + PlanTraffic.REQUESTS_SUFFIX);
            assertThat(Files.readAllLines(requests)).anyMatch(l -> l.contains("en_5s.wav"))
                    .anyMatch(l -> l.contains("vi_30s.wav"));
            assertThat(new HistogramLogReader(results.resolveSibling("capacity" + PlanTraffic.HISTOGRAM_SUFFIX)
                    .toFile()).nextIntervalHistogram()).isNotNull();
        }
    }
}
