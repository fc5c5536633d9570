package org.sttbench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to every input and run since start, so {@code run --once} and {@code bench} can exit
 * with a code that reflects the outcome: a failed run, else a missed SLO, else a rejected input, else OK.
 */
public final class RunOutcomes {
    private final List<Path> results = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private int failedRuns;
    private int sloFailures;
    private int finishedRuns;

    public synchronized void rejected(String what) {
        rejected.add(what);
    }

    public synchronized void finished(Path resultsFile, boolean failed, boolean sloMissed) {
        finishedRuns++;
        if (resultsFile != null) {
            results.add(resultsFile);
        }
        if (failed) {
            failedRuns++;
        }
        if (sloMissed) {
            sloFailures++;
        }
    }

    public synchronized RunOutcome outcome() {
        if (failedRuns > 0) {
            return RunOutcome.FAILED;
        }
        if (sloFailures > 0) {
            return RunOutcome.SLO_MISSED;
        }
        return rejected.isEmpty() ? RunOutcome.OK : RunOutcome.INPUT_REJECTED;
    }

    public synchronized List<Path> results() {
        return List.copyOf(results);
    }

    public synchronized List<String> rejectedInputs() {
        return List.copyOf(rejected);
    }

    public synchronized int finishedRuns() {
        return finishedRuns;
    }

    public synchronized int failedRuns() {
        return failedRuns;
    }

    public synchronized int sloFailures() {
        return sloFailures;
    }
}
