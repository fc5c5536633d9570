package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.pipeline.InboxLock;
import org.sttbench.testing.Console;
import org.sttbench.testing.TestModels;

/**
 * {@code run --once} on inputs an unattended inbox meets: each ends in .error/ with its reason, the good
 * ones still run, nothing stalls until the time bound, and one inbox has one sttbench.
 */
class InboxBadInputsTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("sttbench.inbox.max-test-report-bytes");
    }

    private Path inbox() throws IOException {
        return Files.createDirectories(dir.resolve("inbox"));
    }

    private Console runOnce(Path outbox) throws IOException {
        return Console.run("run", "--once", "--inbox", inbox().toString(), "--outbox", outbox.toString(), "--max-time", "3m");
    }

    private void goodPlan() throws IOException {
        Files.writeString(inbox().resolve("good.plan.yaml"), "name: good\nmodel: " + TestModels.micro()
                + "\naudio: test_audio/en_5s.wav\nsuites:\n  latency: { iterations: 1, warmup: 0 }\n");
    }

    @Test
    void emptyFilesOfEveryKindAreRejectedAndTheGoodPlanRuns() throws Exception {
        for (String name : List.of("TEST-x.xml", "x.wav", "x.plan.yaml", "x.txt")) {
            Files.createFile(inbox().resolve(name));
        }
        goodPlan();

        Console c = runOnce(dir.resolve("outbox"));

        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.out()).contains("done: 1 run(s), 4 input(s) rejected");
        for (String name : List.of("TEST-x.xml", "x.wav", "x.plan.yaml", "x.txt")) {
            assertThat(Files.readString(reason(name))).contains(name + " is empty (0 bytes)");
        }
        assertNoInputLeft();
    }

    @Test
    void oversizedPlansAndReportsAreRejectedUnreadAndLeaveNoLockFile() throws Exception {
        Files.writeString(inbox().resolve("huge.plan.yaml"), "name: huge\ndescription: \"" + "x".repeat(3 << 20) + "\"\n");
        Files.writeString(inbox().resolve("TEST-big.xml"), "<testsuite>" + " ".repeat(2000) + "</testsuite>");
        System.setProperty("sttbench.inbox.max-test-report-bytes", "1000");

        Console c = runOnce(dir.resolve("outbox"));

        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.readString(reason("huge.plan.yaml"))).contains("a plan may have at most 2097152");
        assertThat(Files.readString(reason("TEST-big.xml")))
                .contains("a test report may have at most 1000 (sttbench.inbox.max-test-report-bytes)");
        try (Stream<Path> left = Files.list(inbox())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".camelLock"));
        }
        assertNoInputLeft();
    }

    @Test
    void anOutboxThatCannotBeWrittenSendsTheInputToTheErrorFolderWithTheReason() throws Exception {
        goodPlan();
        Path notAFolder = Files.writeString(dir.resolve("outbox"), "a file where the outbox should be");

        Console c = runOnce(notAFolder);

        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.FAILED);
        assertThat(Files.readString(reason("good.plan.yaml"))).contains("run failed").contains("outbox");
        try (Stream<Path> done = Files.list(inbox().resolve(".done"))) {
            assertThat(done).as("nothing counted as done").isEmpty();
        }
        assertNoInputLeft();
    }

    @Test
    void aLinkOutOfTheAllowedFoldersIsRejected() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(Path.of("test_audio/en_5s.wav"), outside.resolve("secret.wav"));
        Files.createSymbolicLink(inbox().resolve("link.wav"), outside.resolve("secret.wav"));

        Console c = runOnce(dir.resolve("outbox"));

        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.readString(reason("link.wav"))).contains("is a symbolic link to").contains("outside the allowed folders");
        assertThat(outside.resolve("secret.wav")).as("the target is left alone").exists();
    }

    @Test
    void aSecondProcessOnTheSameInboxIsTurnedAway() throws Exception {
        try (InboxLock held = InboxLock.acquire(inbox(), System.out)) {
            Console c = runOnce(dir.resolve("outbox"));

            assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(c.err()).contains("sttbench run: inbox " + inbox() + " is in use by pid " + ProcessHandle.current().pid()
                    + " on ");
        }
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOverWithAWarning() throws Exception {
        Files.writeString(inbox().resolve(InboxLock.FILE), "2147483646 gone-host\n");

        Console c = runOnce(dir.resolve("outbox"));

        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.OK);
        assertThat(c.out()).contains("warning: taking over the inbox lock of pid 2147483646 on gone-host");
    }

    private Path reason(String name) throws IOException {
        try (Stream<Path> errors = Files.list(inbox().resolve(".error"))) {
            return errors.filter(p -> p.getFileName().toString().endsWith("-" + name + ".error")).findFirst()
                    .orElseThrow(() -> new AssertionError("no reason file for " + name));
        }
    }

    private void assertNoInputLeft() throws IOException {
        try (Stream<Path> left = Files.list(inbox())) {
            assertThat(left.filter(p -> !p.getFileName().toString().startsWith("."))).as("no input left in the inbox").isEmpty();
        }
        try (Stream<Path> processing = Files.walk(inbox().resolve(".processing"))) {
            assertThat(processing.filter(Files::isRegularFile)).as("nothing left in .processing").isEmpty();
        }
    }
}
