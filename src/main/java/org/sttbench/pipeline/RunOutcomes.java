package org.sttbench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.cli.ExitCode;

/**
 * What happened to every input and run since start, so {@code run --once} and {@code bench} can exit
 * with a code that reflects the outcome: 1 if a run failed, else 3 if an SLO was missed, else 2 if an
 * input was rejected, else 0.
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

    public synchronized int exitCode() {
        if (failedRuns > 0) {
            return ExitCode.FAILED;
        }
        if (sloFailures > 0) {
            return ExitCode.SLO_FAILED;
        }
        return rejected.isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
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
