package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sttbench.engine.ThreadLimit;
import org.sttbench.testing.Console;
import org.sttbench.testing.TestModels;

/**
 * Options whisper.cpp would fail on deep in native code are refused first with one line: a thread count no
 * machine can use, a language Whisper does not know.
 */
class CommandBoundsTest {
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

    @Test
    void unknownLanguagesAreRefusedByTranscribeAndServe() {
        Console t = Console.run("transcribe", "test_audio/en_5s.wav", "--model", TestModels.micro().toString(),
                "--language", "xx");
        assertThat(t.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(t.err()).contains("--language 'xx' is not a language Whisper knows; use auto or one of en, zh");

        Console s = Console.run("serve", "--model", TestModels.micro().toString(), "--port", "0", "--language", "klingon");
        assertThat(s.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(s.err()).contains("--language 'klingon' is not a language Whisper knows");
    }

    @Test
    void serveRefusesAHeaderTimeoutThatIsNotPositive() {
        for (String value : new String[] {"0", "-5"}) {
            Console c = Console.run("serve", "--model", TestModels.micro().toString(), "--port", "0",
                    "--header-timeout-s", value);

            assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(c.err()).contains("--header-timeout-s must be positive").doesNotContain("Exception");
            assertThat(c.out()).doesNotContain("listening");
        }
    }

    @Test
    void serveSaysTheModelIsMissingBeforeItListens() {
        Console c = Console.run("serve", "--model", "no-such-model", "--port", "0");

        assertThat(c.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(c.err()).contains("model not found: no-such-model");
        assertThat(c.out()).doesNotContain("listening");
    }
}
