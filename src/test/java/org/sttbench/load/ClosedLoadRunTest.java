package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedLoadRunTest {
    @TempDir
    Path dir;

    private ClosedLoadConfig config(List<String> targets, List<Integer> levels, int requests, int warmup)
            throws IOException {
        LoadSpec spec = LoadSpec.of(targets, StubTranscriptionServer.silentWav(dir, 1.0));
        return new ClosedLoadConfig(spec, levels, requests, warmup, null, 0.05);
    }

    /**
     * A 100 ms server: no request is faster than the service time, and throughput is C / mean latency
     * (Little's law) within 10%: a closed loop that idles between a slot's answer and its next send would
     * fall short of it. Both hold however slow a busy machine makes the server, which bounds on the
     * latency itself would not.
     */
    @Test
    void fixedLatencyServerGivesItsLatencyAndConcurrencyOverLatencyThroughput() throws Exception {
        try (var fast = StubTranscriptionServer.fixedLatency(4, 0)) {
            // compile the client path first: interpreted, a loopback request costs milliseconds, not micros
            new ClosedLoadRun(config(List.of(fast.baseUrl()), List.of(4), 200, 0)).run();
        }
        try (var stub = StubTranscriptionServer.fixedLatency(8, 100)) {
            ClosedLoadConfig c = config(List.of(stub.baseUrl()), List.of(1, 4), 12, 2);
            ClosedLoadResult result = new ClosedLoadRun(c).run();

            assertThat(result.levels()).hasSize(2);
            LevelResult one = result.levels().get(0);
            LevelResult four = result.levels().get(1);
            assertThat(one.successes()).isEqualTo(12);
            assertThat(four.successes()).isEqualTo(12);
            assertThat(one.minMs()).isGreaterThanOrEqualTo(100.0);
            assertThat(four.minMs()).isGreaterThanOrEqualTo(100.0);
            assertThat(one.rps()).isCloseTo(1000 / one.avgMs(), within(0.1 * 1000 / one.avgMs()));
            assertThat(four.rps()).isCloseTo(4000 / four.avgMs(), within(0.1 * 4000 / four.avgMs()));
            // the warm-up requests reached the server but are not in the figures
            assertThat(stub.received.get()).isEqualTo(12 + 12 + 2 + 2);
            // the clip's duration is read from the WAV header: RTF = avg latency / 1 s
            assertThat(one.audioDurationS()).isEqualTo(1.0);
            assertThat(one.rtf()).isCloseTo(one.avgMs() / 1000.0, within(0.001));
            assertThat(one.audioSecondsPerSecond()).isCloseTo(one.rps() * 1.0, within(0.01));
            assertThat(result.maxRpsConcurrency()).isEqualTo(4);
            assertThat(result.optimalConcurrency()).isEqualTo(4);
        }
    }

    @Test
    void sendsTheOpenAiMultipartForm() throws Exception {
        try (var stub = StubTranscriptionServer.fixedLatency(2, 0)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 0.1))
                    .withApi(ApiDialect.openai(null, "vi", null));
            new ClosedLoadRun(new ClosedLoadConfig(spec, List.of(1), 1, 0, null, 0.05)).run();

            String body = stub.lastBody.get();
            assertThat(stub.lastContentType.get()).startsWith("multipart/form-data; boundary=");
            assertThat(body).contains("name=\"file\"; filename=\"clip.wav\"", "Content-Type: audio/wav", "RIFF");
            assertThat(body).contains("name=\"model\"\r\n\r\nwhisper-1\r\n");
            assertThat(body).contains("name=\"response_format\"\r\n\r\njson\r\n");
            assertThat(body).contains("name=\"language\"\r\n\r\nvi\r\n");
        }
    }

    @Test
    void classifiesServerErrorsByStatusCode() throws Exception {
        try (var stub = new StubTranscriptionServer(4, i -> i % 4 == 3 ? 503 : 200)) {
            ClosedLoadResult result = new ClosedLoadRun(config(List.of(stub.baseUrl()), List.of(1, 2), 20, 0)).run();

            LevelResult level = result.levels().get(0);
            assertThat(level.errorsByCause()).isEqualTo(Map.of("http_503", 5L));
            assertThat(level.successes()).isEqualTo(15);
            assertThat(level.successRate()).isEqualTo(0.75);
            // 25% errors is over the 5% budget: the sweep stops and no level is optimal
            assertThat(result.levels()).hasSize(1);
            assertThat(result.stoppedReason()).contains("error rate");
            assertThat(result.optimalConcurrency()).isNull();
        }
    }

    @Test
    void unreachablePortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClosedLoadResult result = new ClosedLoadRun(config(List.of("http://127.0.0.1:" + port), List.of(1, 2), 3, 0))
                .run();

        assertThat(result.levels()).hasSize(1);
        assertThat(result.levels().get(0).errorsByCause()).isEqualTo(Map.of("connection_refused", 3L));
        assertThat(result.levels().get(0).successes()).isZero();
    }

    @Test
    void slowResponseIsATimeout() throws Exception {
        try (var stub = StubTranscriptionServer.fixedLatency(4, 1_000)) {
            ClosedLoadConfig c = config(List.of(stub.baseUrl()), List.of(2), 2, 0);
            c = new ClosedLoadConfig(c.spec().withTimeout(Duration.ofMillis(150)), c.concurrency(), 2, 0, null, 0.05);
            LevelResult level = new ClosedLoadRun(c).run().levels().get(0);

            assertThat(level.errorsByCause()).isEqualTo(Map.of("timeout", 2L));
        }
    }

    @Test
    void roundRobinsOverTargets() throws Exception {
        try (var a = StubTranscriptionServer.fixedLatency(4, 5); var b = StubTranscriptionServer.fixedLatency(4, 5)) {
            ClosedLoadResult result = new ClosedLoadRun(
                    config(List.of(a.baseUrl(), b.baseUrl() + "/v1/audio/transcriptions"), List.of(2), 20, 0)).run();

            assertThat(result.levels().get(0).successes()).isEqualTo(20);
            assertThat(a.received.get()).isEqualTo(10);
            assertThat(b.received.get()).isEqualTo(10);
        }
    }

    @Test
    void learnsTheAudioDurationFromVerboseJson() throws Exception {
        try (var stub = StubTranscriptionServer.fixedLatency(2, 10)) {
            stub.responseBody = "{\"task\":\"transcribe\",\"duration\":2.5,\"text\":\"x\"}";
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.textFile(dir));
            ClosedLoadResult result = new ClosedLoadRun(new ClosedLoadConfig(spec, List.of(1), 4, 1, null, 0.05),
                    DurationProbe.NONE, LoadListener.NONE).run();

            LevelResult level = result.levels().get(0);
            assertThat(level.audioDurationS()).isEqualTo(2.5);
            assertThat(level.audioSecondsPerSecond()).isCloseTo(level.rps() * 2.5, within(0.01));
            assertThat(level.rtf()).isCloseTo(level.avgMs() / 2500.0, within(0.001));
        }
    }

    @Test
    void optimalConcurrencyIsTheThroughputKneeOrTheBestWithinTheSla() {
        List<LevelResult> levels = List.of(level(1, 10, 100), level(2, 19, 110), level(4, 30, 150),
                level(8, 31, 300), level(16, 33, 600));

        assertThat(ClosedLoadRun.optimal(levels, null, 0.05)).isEqualTo(4);
        assertThat(ClosedLoadRun.optimal(levels, 200.0, 0.05)).isEqualTo(4);
        assertThat(ClosedLoadRun.optimal(levels, 120.0, 0.05)).isEqualTo(2);
        assertThat(ClosedLoadRun.optimal(levels, 50.0, 0.05)).isNull();
        assertThat(ClosedLoadRun.result(levels, null, 0.05, null).maxRps()).isEqualTo(33);
    }

    private static LevelResult level(int c, double rps, double p95) {
        return new LevelResult(c, 20, 20, 0, 1, 1, rps, p95 / 2, p95, p95, p95, 1, p95 / 2, p95, 0, Map.of(),
                null, null, null);
    }
}
