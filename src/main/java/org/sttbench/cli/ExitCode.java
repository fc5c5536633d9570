package org.sttbench.cli;

import org.sttbench.pipeline.RunOutcome;

/** What a command's exit status means; the scheduler and CI read these. */
public final class ExitCode {
    public static final int OK = 0;
    /** the run failed: a worker crashed, a unit timed out, nothing could be measured */
    public static final int FAILED = 1;
    /** bad usage or bad input, with a one-line reason on stderr; picocli uses 2 for usage errors too */
    public static final int BAD_INPUT = 2;
    /** everything ran but a service-level objective of the plan was missed */
    public static final int SLO_FAILED = 3;

    private ExitCode() {
    }

    /** The exit code for what the pipeline reports. */
    public static int of(RunOutcome outcome) {
        return switch (outcome) {
            case OK -> OK;
            case FAILED -> FAILED;
            case SLO_MISSED -> SLO_FAILED;
            case INPUT_REJECTED -> BAD_INPUT;
        };
    }
}
