package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
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

    private int run(String... args) {
        CommandLine cmd = Main.commandLine(new LoadCommand());
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
        assertThat(err.toString()).contains("every request failed");
    }
}
