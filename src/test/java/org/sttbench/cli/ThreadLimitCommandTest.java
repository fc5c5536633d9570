package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sttbench.engine.ThreadLimit;
import org.sttbench.testing.Console;
import org.sttbench.testing.TestModels;

/** A thread count no machine can use is refused before whisper.cpp is asked to create the threads. */
class ThreadLimitCommandTest {
    @Test
    void transcribeRefusesAThreadCountBeyondTheCap() {
        Console c = Console.run("transcribe", "test_audio/en_5s.wav", "--model", TestModels.micro().toString(),
                "--threads", "100000");

        assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.err()).contains("--threads 100000 is more than this machine can use: at most " + ThreadLimit.max());
    }

    @Test
    void serveRefusesItToo() {
        Console c = Console.run("serve", "--model", TestModels.micro().toString(), "--port", "0", "--threads", "100000");

        assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.err()).contains("--threads 100000 is more than this machine can use");
    }

    @Test
    void theCapIsAMultipleOfTheCpusWithinThePlanCeiling() {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(ThreadLimit.max()).isBetween(Math.min(ThreadLimit.CEILING, ThreadLimit.PER_CPU * cpus), ThreadLimit.CEILING);
        // the cap itself is allowed
        ThreadLimit.check(ThreadLimit.max(), "--threads");
    }
}
