package org.sttbench.workers;

import java.util.List;
import java.util.Optional;
import org.sttbench.host.ResourceUsage;

/**
 * N replicas of the service under test ({@code sttbench serve} unless the plan names another), each under
 * its own CPU limit, for the workers suite and for the service's cpu_scaling and threads units. The fleet
 * is started, load-tested through its URLs, and always stopped, also when something failed.
 */
public interface WorkerFleet extends AutoCloseable {
    /**
     * Starts {@code count} replicas and returns their base URLs once each is ready.
     *
     * @throws IllegalStateException when a replica does not become ready in time
     */
    List<String> start(int count) throws Exception;

    /**
     * CPU time and throttling of replica {@code index} (0-based) so far, read from its cgroup or the
     * engine's stats API; empty where nothing can be read from here.
     */
    default Optional<ResourceUsage.Snapshot> usage(int index) {
        return Optional.empty();
    }

    /** The last lines replica {@code index} logged, joined into one line, for a failure message. */
    default String logTail(int index) {
        return "(no log)";
    }

    /** Stops every replica started; safe to call more than once. */
    @Override
    void close();
}
