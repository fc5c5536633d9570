package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run --once` as a CronJob runs it: exits when the inbox is processed, or with 1 when time runs out. */
class RunOnceTest {
    @TempDir
    Path dir;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.clearProperty("sttbench.once.max-time");
    }

    private int run(String... extra) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String[] args = new String[extra.length + 6];
        args[0] = "run";
        args[1] = "--once";
        args[2] = "--inbox";
        args[3] = inbox.toString();
        args[4] = "--outbox";
        args[5] = dir.resolve("outbox").toString();
        System.arraycopy(extra, 0, args, 6, extra.length);
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        return Main.execute(args);
    }

    private void dropClip() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Files.copy(Path.of("test_audio/en_5s.wav"), dir.resolve("inbox/clip.wav"));
    }

    @Test
    void anEmptyInboxIsDoneAtOnceWithZero() throws Exception {
        assertThat(run()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aRunThatOutlastsMaxTimeEndsWithOne() throws Exception {
        dropClip();

        // the clip alone needs its ready time and the batch window (4 s) before any run starts
        int code = run("--max-time", "PT1S");

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the inbox was not processed within PT1S");
    }

    @Test
    void thePropertySetsTheBoundWhenTheOptionIsAbsent() throws Exception {
        dropClip();
        System.setProperty("sttbench.once.max-time", "1s");

        assertThat(run()).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not processed within PT1S");
    }

    @Test
    void anUnreadablePropertyIsBadInput() throws Exception {
        System.setProperty("sttbench.once.max-time", "later");

        assertThat(run()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid sttbench.once.max-time 'later'");
    }

    @Test
    void aPlanGivenWithOnceIsCheckedFirstAndABadOneIsBadInput() throws Exception {
        Path plan = Files.writeString(dir.resolve("nightly.plan.yaml"), "name: nightly\nsuites: { latency: { iterations: 0 } }\n");

        assertThat(run("--plan", plan.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid plan nightly.plan.yaml");
    }

    @Test
    void aPlanWithoutOnceIsRefused() {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(Main.execute("run", "--plan", "x.plan.yaml")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--plan needs --once");
    }
}
