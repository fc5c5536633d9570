package org.sttbench.pipeline;

/**
 * How a run tells the journal of its inputs how far it got. Runs that did not come from the inbox
 * (bench, schedules) carry {@link #NONE}: nothing is recorded for them.
 */
public interface RunTicket {
    RunTicket NONE = new RunTicket() {
    };

    /** The run folder an interrupted attempt of this run already made, to be used again; null for a new one. */
    default String runId() {
        return null;
    }

    /** The run has its folder in the outbox. */
    default void started(String runId) {
    }

    /** results.json and the reports are written. */
    default void finished() {
    }

    /** The run could not start or broke; its inputs go to .error/ with this reason. Final: later calls change nothing. */
    default void failed(String reason) {
    }
}
