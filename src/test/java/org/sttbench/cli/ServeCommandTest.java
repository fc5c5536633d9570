package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine(new ServeCommand());
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void missingModelIsBadInput() {
        int code = run("--model", dir.resolve("nope.bin").toString(), "--host", "127.0.0.1", "--port", "0");

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("nope.bin");
    }

    @Test
    void badOptionsAreBadInput() {
        assertThat(run("--model", "tiny", "--workers", "0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("--workers");
        assertThat(run("--model", "tiny", "--max-upload-mb", "-1")).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void defaultQueueIsFourPerWorker() {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--model", "tiny", "--workers", "3");

        assertThat(cmd.config().maxQueue()).isEqualTo(12);
        assertThat(cmd.config().maxUploadBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(cmd.config().port()).isEqualTo(8000);
    }
}
