package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.docker.DockerSettings;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.Plan;
import org.sttbench.testing.Requirements;
import org.sttbench.testing.WhisperCpp;

/**
 * Every way a service can be wrong gives the unit one line that says what happened, and leaves no child
 * process or container behind. Local instances (fast); one Docker case for a missing image.
 */
class ServiceFailuresTest {
    private static final Path CLIP = Path.of("test_audio/en_5s.wav").toAbsolutePath();
    private static final Plan.Api WHISPERCPP = new Plan.Api("whispercpp", null, null, null, null);
    private static final Plan.Api OPENAI = new Plan.Api("openai", null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void aCommandThatIsNotExecutableFailsTheUnitInOneLine() throws IOException {
        Path script = Files.writeString(dir.resolve("server.sh"), "#!/bin/sh\nexit 0\n");
        UnitResult r = run(service(script.toString(), List.of(), "/health", WHISPERCPP, 5), 1, 0);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("service command " + script + " is not executable").doesNotContain("\n");
    }

    @Test
    void aServiceThatNeverBecomesReadyQuotesItsLastLogLines() throws IOException {
        Path script = executable("never.sh", "#!/bin/sh\necho loading model\necho 'cannot open device /dev/gpu0'\nexec sleep 600\n");
        UnitResult r = run(service(script.toString(), List.of(), "/health", WHISPERCPP, 2), 1, 0);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("not ready within 2 s").contains("does it listen on")
                .contains("loading model | cannot open device /dev/gpu0").doesNotContain("\n");
        assertNoChild("never.sh");
    }

    @Test
    void aServiceThatExitsWhileStartingSaysItsExitCodeAndWhy() throws IOException {
        Path script = executable("dies.sh", "#!/bin/sh\necho 'error: failed to load model' >&2\nexit 3\n");
        UnitResult r = run(service(script.toString(), List.of(), "/health", WHISPERCPP, 30), 1, 0);
        assertThat(r.error()).contains("exited with code 3 before it was ready").contains("error: failed to load model");
    }

    @Test
    void aServiceOnTheWrongPortIsNeverReady() throws IOException {
        Path server = WhisperCpp.server();
        // listens on a port of its own choosing instead of {port}
        List<String> args = List.of("-m", "{model}", "--port", String.valueOf(freePort()), "-t", "1", "-nf");
        UnitResult r = run(service(server.toString(), args, "/health", WHISPERCPP, 3), 1, 0);
        assertThat(r.error()).contains("not ready within 3 s").contains("does it listen on the port given as {port}");
        assertNoChild("whisper-server");
    }

    @Test
    void aDialectMismatchNamesThePathTried() {
        Path server = WhisperCpp.server();
        List<String> args = List.of("-m", "{model}", "--port", "{port}", "-t", "{threads}", "-nf");
        UnitResult r = run(service(server.toString(), args, "/health", OPENAI, 60), 2, 0);
        assertThat(r.error()).startsWith("every request got 404 (no such path) at POST /v1/audio/transcriptions: "
                + "the api dialect (openai) does not match the service");
        assertNoChild("whisper-server");
    }

    @Test
    void aServiceThatCrashesMidSweepFailsTheUnitWithItsLog() throws IOException {
        // answers its health path and two transcriptions, then exits
        Path script = executable("flaky.py", """
                #!/usr/bin/env python3
                import http.server, os, sys
                served = 0
                class H(http.server.BaseHTTPRequestHandler):
                    def log_message(self, *a): pass
                    def do_GET(self):
                        self.send_response(200); self.send_header('Content-Length', '2'); self.end_headers()
                        self.wfile.write(b'ok')
                    def do_POST(self):
                        global served
                        self.rfile.read(int(self.headers['Content-Length']))
                        served += 1
                        if served > 2:
                            print('segmentation fault in decoder', flush=True); os._exit(139)
                        body = b'{"text": "hello"}'
                        self.send_response(200); self.send_header('Content-Type', 'application/json')
                        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
                http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
                """);
        UnitResult r = run(service(script.toString(), List.of("{port}"), "/health", WHISPERCPP, 30), 3, 1);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("2 of 3 requests failed after 1 succeeded").contains("crashed mid-sweep")
                .contains("segmentation fault in decoder").doesNotContain("\n");
        assertNoChild("flaky.py");
    }

    @Test
    void anUnknownPlaceholderIsBadInputBeforeAnythingStarts() {
        ServiceDefinition s = service("/bin/true", List.of("--gpus", "{gpus}", "-t", "{threads}"), null, WHISPERCPP, 5);
        assertThat(s.problems("local")).containsExactly(
                "service: unknown placeholder(s) [{gpus}] in args or env; known: {cpus} {threads} {port} {model}");
        assertThat(s.problems("docker")).contains("service: the docker executor starts an image; add service.image");
    }

    @Test
    void aHeaderNamingAnUnsetVariableIsOneLineWithoutAnyValue() {
        ServiceClients clients = new ServiceClients(ServiceClients.dialect(new Plan.Api("custom", "/t", "audio",
                Map.of(), Map.of("X-Api-Key", "${STTBENCH_SURELY_UNSET_KEY}")), "en"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> clients.checkEnvironment(name -> null))
                .isInstanceOf(BadInputException.class)
                .hasMessage("header X-Api-Key names environment variable STTBENCH_SURELY_UNSET_KEY, which is not set");
    }

    @Test
    void aMissingImageFailsTheUnitAndCreatesNoContainer() {
        Requirements.docker();
        ServiceDefinition s = new ServiceDefinition("ghost", "sttbench-test-no-such-image:0", null, List.of(), Map.of(),
                8080, "/data/model", "/health", 200, Duration.ofSeconds(5), WHISPERCPP, Map.of(), false);
        ModelInfo model = DockerTestSupport.model("micro");
        ServiceUnitRunner runner = new ServiceUnitRunner(s, clients(WHISPERCPP), (cpus, threads) ->
                new DockerWorkerFleet(DockerTestSupport.client(), DockerSettings.defaults(() -> "unused"), "unused", "svc-test",
                        model.path(), cpus, s.startupTimeout(), s, threads, null), "docker", line -> { });
        UnitResult r = runner.run(unit(model, 1, 0));
        assertThat(r.error()).isEqualTo("service image sttbench-test-no-such-image:0 not found; images are not pulled: "
                + "build or load it on this engine");
    }

    private UnitResult run(ServiceDefinition s, int iterations, int warmup) {
        ModelInfo model = DockerTestSupport.model("micro");
        List<String> progress = new ArrayList<>();
        ServiceUnitRunner runner = new ServiceUnitRunner(s, clients(s.api()), (cpus, threads) ->
                new LocalWorkerFleet(model.path(), cpus, s.startupTimeout(), s, threads, null), "local", progress::add);
        return runner.run(unit(model, iterations, warmup));
    }

    private static ServiceClients clients(Plan.Api api) {
        return new ServiceClients(ServiceClients.dialect(api, "en"), Duration.ofSeconds(30));
    }

    private static WorkUnit unit(ModelInfo model, int iterations, int warmup) {
        return new WorkUnit("svc-test", "cpu_scaling-micro-1cpu", 1, 1, Suite.CPU_SCALING, model,
                List.of(CLIP.toString()), "en", 1.0, 1, iterations, warmup, 120);
    }

    private static ServiceDefinition service(String command, List<String> args, String health, Plan.Api api,
                                             int startupS) {
        return new ServiceDefinition("test-service", null, command, args, Map.of(), 8080, "/data/model", health, 200,
                Duration.ofSeconds(startupS), api, Map.of(), false);
    }

    private Path executable(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text.stripIndent());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static void assertNoChild(String name) {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(name)).toList()).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
