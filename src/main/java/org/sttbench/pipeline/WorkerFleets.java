package org.sttbench.pipeline;

import java.time.Duration;
import org.sttbench.BadInputException;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.models.ModelInfo;
import org.sttbench.workers.DockerWorkerFleet;
import org.sttbench.workers.KubernetesWorkerFleet;
import org.sttbench.workers.LocalWorkerFleet;
import org.sttbench.workers.WorkerFleet;

/** Picks how the workers suite starts its replicas, following the plan's executor. */
final class WorkerFleets {
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);

    private final UnitExecutor executor;
    private final String runId;
    private final ModelInfo model;
    private final double cpus;

    WorkerFleets(UnitExecutor executor, String runId, ModelInfo model, double cpus) {
        this.executor = executor;
        this.runId = runId;
        this.model = model;
        this.cpus = cpus;
    }

    WorkerFleet create() {
        String name = executor == null ? "local" : executor.name();
        if (name.equals("local")) {
            return new LocalWorkerFleet(model.path(), cpus, HEALTH_TIMEOUT);
        }
        if (executor instanceof DockerExecutor docker) {
            return DockerWorkerFleet.on(docker, runId, model.path(), cpus, HEALTH_TIMEOUT);
        }
        if (executor instanceof KubernetesExecutor kubernetes) {
            return KubernetesWorkerFleet.on(kubernetes, runId, model.path(), cpus, HEALTH_TIMEOUT, line -> { });
        }
        throw new BadInputException("the workers suite is not supported on the " + name
                + " executor; use executor: local, docker or kubernetes");
    }
}
