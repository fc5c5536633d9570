package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.bench.UnitResult;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.models.ModelInfo;
import org.sttbench.pipeline.PipelineApp;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.LogCapture;

/**
 * A service behind an API key: the key comes from an environment variable (set for the tests in the
 * build), reaches the service on every request (it answers 401 otherwise), and is written nowhere: not
 * in results, reports, the console or the logs.
 */
class ServiceSecretHeaderTest {
    private static final String VARIABLE = "STTBENCH_TEST_SERVICE_KEY";

    @Test
    void theKeyReachesTheServiceAndNothingElse(@TempDir Path dir) throws Exception {
        String secret = System.getenv(VARIABLE);
        assumeTrue(secret != null, VARIABLE + " is set by the build (pom.xml)");
        // a custom API: POST /api/transcribe with the audio in "audio", 401 without the right key
        Path server = Files.writeString(dir.resolve("keyed.py"), """
                #!/usr/bin/env python3
                import http.server, os, sys
                KEY = os.environ['%s']
                class H(http.server.BaseHTTPRequestHandler):
                    def log_message(self, *a): pass
                    def reply(self, status, body):
                        self.send_response(status); self.send_header('Content-Type', 'application/json')
                        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
                    def do_GET(self):
                        self.reply(200, b'{}')
                    def do_POST(self):
                        data = self.rfile.read(int(self.headers['Content-Length']))
                        ok = self.path == '/api/transcribe' and self.headers.get('X-Api-Key') == KEY and b'name="audio"' in data
                        self.reply(200 if ok else 401, b'{"text": "hello"}' if ok else b'{"error": "unauthorized"}')
                http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
                """.formatted(VARIABLE).stripIndent());
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        ModelInfo model = DockerTestSupport.model("micro");
        Path plan = Files.writeString(dir.resolve("keyed.plan.yaml"), """
                name: keyed
                model: %s
                audio: test_audio/en_5s.wav
                executor: local
                service:
                  command: %s
                  args: ["{port}"]
                  env: { THREADS: "{threads}" }
                  health: { path: /health }
                  api:
                    dialect: custom
                    path: /api/transcribe
                    file_field: audio
                    headers: { X-Api-Key: "${%s}" }
                suites:
                  cpu_scaling: { cpus: [1], iterations: 2, warmup: 1 }
                  workers: { counts: [1], requests_per_worker: 2, concurrency: 1, cpus: 1 }
                """.formatted(model.path(), server, VARIABLE));
        Path outbox = dir.resolve("outbox");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        String logged;
        try (LogCapture logs = new LogCapture();
             PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.outbox", outbox.toString()), false)) {
            app.runPlan(plan);
            logged = logs.text();
        } finally {
            System.setOut(original);
        }
        RunResult run = Outbox.read(outbox.resolve("latest").resolve(Outbox.RESULTS_FILE));
        // the key was sent: the service answered 200 to every request
        assertThat(run.units()).allMatch(UnitResult::ok, run.units().toString());
        assertThat(run.analysis().get("workers").get("points").get(0).get("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(run.analysis().get("service").get("env_names").toString()).contains("THREADS");
        // and written nowhere
        assertThat(console.toString(StandardCharsets.UTF_8)).isNotEmpty().doesNotContain(secret);
        assertThat(logged).as("the application's log, debug level").isNotEmpty().doesNotContain(secret);
        List<Path> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).isNotEmpty();
        for (Path file : written) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secret);
        }
    }
}
