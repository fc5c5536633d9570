package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.plan.Plan;
import org.sttbench.testing.WhisperCpp;
import org.sttbench.workers.LocalWorkerFleet;
import org.sttbench.workers.ServiceDefinition;
import picocli.CommandLine;

/** `sttbench load --api whispercpp` against whisper.cpp's own server: every request answered 200. */
class LoadWhisperServerTest {
    @Test
    void theWhisperCppDialectGets200sFromARealWhisperServer(@TempDir Path dir) throws Exception {
        ServiceDefinition server = new ServiceDefinition("whisper-server", null, WhisperCpp.server().toString(),
                List.of("-m", "{model}", "--port", "{port}", "-t", "1", "-nf"), Map.of("OMP_WAIT_POLICY", "passive"),
                8080, "/data/model", "/health", 200, Duration.ofMinutes(2),
                new Plan.Api("whispercpp", null, null, null, null), Map.of(), false);
        try (LocalWorkerFleet fleet = new LocalWorkerFleet(DockerTestSupport.model("micro").path(), 1.0,
                server.startupTimeout(), server, 1, null)) {
            String url = fleet.start(1).get(0);
            StringWriter out = new StringWriter();
            CommandLine cmd = Main.commandLine(new LoadCommand());
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(out, true));
            Path json = dir.resolve("load.json");
            int code = cmd.execute("--api", "whispercpp", "--target", url, "--audio",
                    Path.of("test_audio/en_5s.wav").toAbsolutePath().toString(), "--concurrency", "1",
                    "--requests", "3", "--json", json.toString());
            assertThat(code).as(out.toString()).isZero();
            JsonNode level = Json.json().readTree(json.toFile()).path("closed").path("levels").get(0);
            assertThat(level.path("successes").asInt()).as(level.toString()).isEqualTo(3);
            assertThat(level.path("errors").asInt()).isZero();
        }
    }
}
