package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.cli.ExitCode;
import org.sttbench.testing.Console;

/** {@code sttbench capacity} as a user runs it: bad input is one line and exit 2, a dead target exit 1. */
class CapacityCommandTest {
    @Test
    void aBadBudgetOrSlaIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path clip = CapacityStubTest.clip(dir);
        Console c = Console.run("capacity", "--target", "http://127.0.0.1:9", "--audio", clip.toString(),
                "--sla-p95-ms", "500", "--budget", "soon");
        assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.err().strip()).isEqualTo("sttbench capacity: invalid --budget 'soon': give a positive duration such as"
                + " PT6H, 90m, 2h or 45s");
        c = Console.run("capacity", "--target", "http://127.0.0.1:9", "--audio", clip.toString(), "--sla-p95-ms", "0");
        assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.err()).contains("SLA p95 must be > 0");
        c = Console.run("capacity", "--target", "ftp://x", "--audio", clip.toString(), "--sla-p95-ms", "500");
        assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.err()).contains("bad target URL");
    }

    @Test
    void aTargetThatIsDownExitsOneWithTheReasonAndWritesTheResult(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path json = dir.resolve("out/capacity.json");
        Console c = Console.run("capacity", "--target", "http://127.0.0.1:" + port, "--audio",
                CapacityStubTest.clip(dir).toString(), "--sla-p95-ms", "500", "--start-rate", "5", "--budget", "60s",
                "--json", json.toString(), "--header", "Authorization: Bearer s3cret-token");
        assertThat(c.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(c.err()).contains("capacity: the target is down").contains("connection_refused");
        JsonNode node = Json.json().readTree(json.toFile());
        assertThat(node.get("outcome").asText()).isEqualTo(CapacityResult.TARGET_DOWN);
        assertThat(node.get("steps")).hasSize(1);
        assertThat(Files.readString(json) + c.out() + c.err()).doesNotContain("s3cret-token");
    }
}
