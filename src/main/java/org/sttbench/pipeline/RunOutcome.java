package org.sttbench.pipeline;

/**
 * The overall outcome of what the pipeline ran since start, worst first: a failed run outweighs a missed
 * SLO, which outweighs a rejected input. The command line maps it to an exit code.
 */
public enum RunOutcome {
    /** every run finished and met its SLOs; every input was accepted */
    OK,
    /** a run failed: a worker crashed, a unit timed out, nothing could be measured */
    FAILED,
    /** every run finished but a service-level objective was missed */
    SLO_MISSED,
    /** the runs were fine but an input was rejected */
    INPUT_REJECTED
}
