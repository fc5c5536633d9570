package org.sttbench.pipeline;

import java.time.Duration;
import org.sttbench.BadInputException;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.models.ModelInfo;
import org.sttbench.workers.LocalWorkerFleet;
import org.sttbench.workers.WorkerFleet;

/** Picks how the workers suite starts its replicas, following the plan's executor. */
final class WorkerFleets {
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);

    private final UnitExecutor executor;
    private final ModelInfo model;
    private final double cpus;

    WorkerFleets(UnitExecutor executor, ModelInfo model, double cpus) {
        this.executor = executor;
        this.model = model;
        this.cpus = cpus;
    }

    WorkerFleet create() {
        String name = executor == null ? "local" : executor.name();
        if (name.equals("local")) {
            return new LocalWorkerFleet(model.path(), cpus, HEALTH_TIMEOUT);
        }
        throw new BadInputException("the workers suite cannot start replicas on the " + name + " executor yet");
    }
}
