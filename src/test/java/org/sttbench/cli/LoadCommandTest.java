package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.testing.LogCapture;
import picocli.CommandLine;

class LoadCommandTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private Path audio;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startStub() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/audio/transcriptions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            authSeen.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"text\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        audio = Files.write(dir.resolve("a.mp3"), new byte[]{1, 2, 3});
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private final Map<String, String> env = new HashMap<>();
    private final AtomicReference<String> authSeen =
            new AtomicReference<>();

    private int run(String... args) {
        LoadCommand command = new LoadCommand();
        command.env = env::get;
        CommandLine cmd = Main.commandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private String target() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void closedSweepPrintsATableAndWritesSnakeCaseJson() throws Exception {
        Path json = dir.resolve("out/load.json");
        int code = run("--target", target(), "--audio", audio.toString(), "--concurrency", "1,2",
                "--requests", "4", "--audio-duration", "2", "--json", json.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("conc", "p95_ms", "optimal concurrency:", "max rps:");
        JsonNode report = Json.json().readTree(json.toFile());
        assertThat(report.path("mode").asText()).isEqualTo("closed");
        assertThat(report.path("closed").path("levels")).hasSize(2);
        JsonNode level = report.path("closed").path("levels").get(0);
        assertThat(level.has("p95_ms")).isTrue();
        assertThat(level.path("successes").asInt()).isEqualTo(4);
        assertThat(level.path("audio_duration_s").asDouble()).isEqualTo(2.0);
        assertThat(report.path("closed").has("optimal_concurrency")).isTrue();
        assertThat(report.path("targets").get(0).asText()).endsWith("/v1/audio/transcriptions");
    }

    @Test
    void openModelRunsAtTheGivenRate() throws Exception {
        Path json = dir.resolve("open.json");
        int code = run("--target", target(), "--audio", audio.toString(), "--rate", "20", "--duration", "0.5",
                "--json", json.toString());

        assertThat(code).isZero();
        JsonNode total = Json.json().readTree(json.toFile()).path("open").path("total");
        assertThat(total.path("scheduled").asInt()).isEqualTo(10);
        assertThat(total.path("successes").asInt()).isEqualTo(10);
        assertThat(total.path("latency").has("p99_ms")).isTrue();
        assertThat(out.toString()).contains("intended send time");
    }

    @Test
    void missingAudioOrBadUrlIsBadInput() {
        assertThat(run("--target", target(), "--audio", dir.resolve("nope.wav").toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("audio file not found");
        assertThat(run("--target", "localhost:8000", "--audio", audio.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("bad target URL");
        assertThat(run("--target", target(), "--audio", audio.toString(), "--rate", "5")).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void allRequestsFailingIsARunFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int code = run("--target", "http://127.0.0.1:" + port, "--audio", audio.toString(), "--concurrency", "1",
                "--requests", "2", "--warmup", "0");

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString()).contains("connection_refused=2");
        assertThat(err.toString()).contains("nothing answers at http://127.0.0.1:" + port
                + "/v1/audio/transcriptions (connection refused");
    }

    @Test
    void aSecretHeaderReachesTheServerButNoOutput() throws Exception {
        String secret = "sk-live-7f3a9c1e55d04b2";
        env.put("STT_KEY", secret);
        Path json = dir.resolve("secret.json");
        Path requests = dir.resolve("requests.jsonl");
        int code;
        int open;
        String logged;
        try (LogCapture logs = new LogCapture()) {
            code = run("--target", target(), "--audio", audio.toString(), "--concurrency", "1", "--requests", "2",
                    "--header", "Authorization: Bearer ${STT_KEY}", "--json", json.toString());
            open = run("--target", target(), "--audio", audio.toString(), "--rate", "10", "--duration", "0.3",
                    "--header", "Authorization: Bearer ${STT_KEY}", "--json", dir.resolve("open.json").toString(),
                    "--requests-log", requests.toString(), "--histogram-log", dir.resolve("latency.hlog").toString());
            logged = logs.text();
        }

        assertThat(code).isZero();
        assertThat(open).isZero();
        assertThat(authSeen.get()).isEqualTo("Bearer " + secret);
        assertThat(out.toString() + err.toString()).doesNotContain(secret).doesNotContain("Bearer");
        assertThat(logged).as("the application's log, debug level").doesNotContain(secret);
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret).doesNotContain("Bearer");
            }
        }
        assertThat(Json.json().readTree(json.toFile()).path("api").path("header_names").get(0).asText())
                .isEqualTo("Authorization");
        assertThat(Files.readAllLines(requests)).hasSize(3);
    }

    @Test
    void rawDataHoldsEveryRequestAndHistogramsThatMergeExactly() throws Exception {
        Path requests = dir.resolve("raw/requests.jsonl");
        Path hlog = dir.resolve("raw/latency.hlog");
        int code = run("--target", target(), "--audio", audio.toString(), "--ramp", "20:0.5", "--rate", "20",
                "--duration", "0.5", "--arrival", "poisson", "--seed", "3", "--slo-ms", "5000",
                "--requests-log", requests.toString(), "--histogram-log", hlog.toString(),
                "--json", dir.resolve("raw/open.json").toString());

        assertThat(code).isZero();
        JsonNode total = Json.json().readTree(dir.resolve("raw/open.json").toFile()).path("open").path("total");
        List<String> lines = Files.readAllLines(requests);
        assertThat(lines).hasSize(total.path("sent").asInt());
        JsonNode first = Json.json().readTree(lines.get(0));
        assertThat(first.path("phase").asText()).isEqualTo("stage-0");
        assertThat(first.path("clip").asText()).isEqualTo("a.mp3");
        assertThat(first.path("status").asInt()).isEqualTo(200);
        assertThat(first.path("sent_ms").asDouble()).isGreaterThanOrEqualTo(first.path("intended_ms").asDouble());
        assertThat(first.path("end_ms").asDouble()).isGreaterThan(first.path("sent_ms").asDouble());
        assertThat(first.path("good").asBoolean()).isTrue();

        // one interval histogram per stage; added up they hold every success of the run
        org.HdrHistogram.Histogram merged = new org.HdrHistogram.Histogram(3);
        List<String> tags = new ArrayList<>();
        try (var reader = new org.HdrHistogram.HistogramLogReader(hlog.toFile())) {
            org.HdrHistogram.EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                tags.add(h.getTag());
                merged.add((org.HdrHistogram.Histogram) h);
            }
        }
        assertThat(tags).containsExactly("stage-0", "stage-1");
        assertThat(merged.getTotalCount()).isEqualTo(total.path("successes").asLong());
        assertThat(merged.getValueAtPercentile(99) / 1000.0)
                .isCloseTo(total.path("latency").path("p99_ms").asDouble(), within(0.01));
        assertThat(total.path("arrival").asText()).isEqualTo("poisson");
        assertThat(total.path("good").asLong()).isEqualTo(total.path("successes").asLong());
        assertThat(total.has("goodput_rps")).isTrue();
        assertThat(total.path("good_share").asDouble()).isPositive();
    }

    @Test
    void aTargetThatAnswersEveryRequestWithAnErrorGivesOneLine() throws Exception {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        failing.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        try {
            String url = "http://127.0.0.1:" + failing.getAddress().getPort();
            int code = run("--target", url, "--audio", audio.toString(), "--rate", "10", "--duration", "0.3");
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().trim()).isEqualTo("sttbench load: every request to " + url
                    + "/v1/audio/transcriptions failed: http_500=3");
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void anUnsetHeaderVariableIsBadInputNamingIt() {
        int code = run("--target", target(), "--audio", audio.toString(), "--header",
                "Authorization: Bearer ${NOT_SET_KEY}");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo(
                "sttbench load: header Authorization names environment variable NOT_SET_KEY, which is not set");
    }

    @Test
    void aDialectMismatchIsOneLineNamingThePathTried() {
        // the stub speaks only OpenAI's path; whisper.cpp's /inference gets 404 on every request
        int code = run("--target", target(), "--api", "whispercpp", "--audio", audio.toString(), "--concurrency",
                "1", "--requests", "3", "--warmup", "0");

        assertThat(code).isEqualTo(1);
        String line = err.toString().trim();
        assertThat(line).doesNotContain("\n").startsWith("sttbench load: every request to " + target() + "/inference")
                .contains("http_404=3", "'whispercpp'");
    }
}
