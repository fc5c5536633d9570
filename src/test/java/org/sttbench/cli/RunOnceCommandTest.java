package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.testing.Console;
import org.sttbench.testing.TestModels;

/** {@code run --once} as a CronJob uses it: process what is there, exit with the outcome. */
class RunOnceCommandTest {
    @Test
    void rejectsBadInputsRunsTheGoodPlanAndExitsWithTheOutcome(@TempDir Path inbox, @TempDir Path outbox) throws Exception {
        Files.writeString(inbox.resolve("malformed.plan.yaml"), "name: [oops\n");
        Files.writeString(inbox.resolve("invalid.plan.json"), "{\"name\": \"x\", \"suites\": {\"latency\": {\"iterations\": 0}}}");
        byte[] noise = new byte[32_000];
        new Random(5).nextBytes(noise);
        Files.write(inbox.resolve("noise.wav"), noise);
        Files.writeString(inbox.resolve("good.plan.yaml"), "name: good\nmodel: " + TestModels.micro()
                + "\naudio: test_audio/en_5s.wav\nsuites:\n  latency: { iterations: 2, warmup: 0 }\n");

        Console c = Console.run("run", "--once", "--inbox", inbox.toString(), "--outbox", outbox.toString(),
                "--max-time", "PT3M");

        // the good plan ran, three inputs were rejected: the run's code is "bad input"
        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.out()).contains("done: 1 run(s), 3 input(s) rejected");
        for (String name : new String[] {"malformed.plan.yaml", "invalid.plan.json", "noise.wav"}) {
            try (Stream<Path> errors = Files.list(inbox.resolve(".error"))) {
                Path reason = errors.filter(p -> p.getFileName().toString().endsWith(name + ".error")).findFirst()
                        .orElseThrow(() -> new AssertionError("no reason file for " + name));
                assertThat(Files.readString(reason)).isNotBlank().contains(name);
            }
        }
        try (Stream<Path> runs = Files.walk(outbox, 2)) {
            assertThat(runs.filter(p -> p.toString().endsWith("-good/results.json")).count()).isEqualTo(1);
        }
        try (Stream<Path> left = Files.list(inbox)) {
            // the inbox lock (.sttbench.lock) stays: hidden files are not inputs
            assertThat(left.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")))
                    .as("nothing left in the inbox").isEmpty();
        }
    }

    @Test
    void anEmptyInboxIsDoneAtOnce(@TempDir Path inbox, @TempDir Path outbox) {
        Console c = Console.run("run", "--once", "--inbox", inbox.toString(), "--outbox", outbox.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("done: 0 run(s)");
    }
}
