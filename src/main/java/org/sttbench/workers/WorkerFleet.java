package org.sttbench.workers;

import java.util.List;

/**
 * N replicas of {@code sttbench serve}, each under its own CPU limit, for the workers suite. The fleet
 * is started, load-tested through its URLs, and always stopped, also when something failed.
 */
public interface WorkerFleet extends AutoCloseable {
    /**
     * Starts {@code count} replicas and returns their base URLs once each answers /health with 200.
     *
     * @throws IllegalStateException when a replica does not become healthy in time
     */
    List<String> start(int count) throws Exception;

    /** Stops every replica started; safe to call more than once. */
    @Override
    void close();
}
