package org.sttbench.exec;

import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.plan.Parallel;

/**
 * Starts {@code sttbench worker} for a unit somewhere (a child process, a container, a Kubernetes Job)
 * with the unit's CPU limit, and brings its result back. A unit that crashes, times out or is killed
 * comes back as a failed {@link UnitResult} with the reason; only a broken executor (engine down,
 * image missing, API refused) throws, and it does so from {@link #checkReady()} before work starts.
 */
public interface UnitExecutor {
    /** local, docker or kubernetes */
    String name();

    /** The most CPUs one unit can be given; larger requests are skipped with a note. */
    double maxCpus();

    /** Fails with a one-line {@link ExecutorUnavailableException} when the executor cannot run anything. */
    void checkReady();

    UnitResult execute(WorkUnit unit);

    /**
     * How many of a run's units this executor runs at once when the plan asks for {@code requested}. One
     * host runs them one at a time: two CPU measurements side by side disturb each other. Called after
     * {@link #checkReady()}; {@link #execute} is then called from that many threads at once.
     */
    default RunWidth width(Parallel requested, int units) {
        if (requested == null || !requested.requested()) {
            return RunWidth.SERIAL;
        }
        return new RunWidth(1, "parallel: " + requested + " not applied: the " + name() + " executor runs units one at a "
                + "time on one host, where CPU measurements side by side disturb each other");
    }
}
