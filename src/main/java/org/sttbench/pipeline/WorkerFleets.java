package org.sttbench.pipeline;

import java.nio.file.Path;
import org.sttbench.BadInputException;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.models.ModelInfo;
import org.sttbench.workers.DockerWorkerFleet;
import org.sttbench.workers.KubernetesWorkerFleet;
import org.sttbench.workers.LocalWorkerFleet;
import org.sttbench.workers.Readiness;
import org.sttbench.workers.ServiceClients;
import org.sttbench.workers.ServiceDefinition;
import org.sttbench.workers.TranscriptionReadiness;
import org.sttbench.workers.WorkerFleet;

/**
 * Picks how instances of the service under test start, following the plan's executor: the workers
 * suite's replicas, and the single instance of each service cpu_scaling or threads unit.
 */
final class WorkerFleets {
    private final UnitExecutor executor;
    private final String runId;
    private final ModelInfo model;
    private final ServiceDefinition service;
    private final Readiness readiness;
    private final double cpus;

    /** Replicas of {@code sttbench serve} at {@code cpus} each. */
    WorkerFleets(UnitExecutor executor, String runId, ModelInfo model, double cpus) {
        this.executor = executor;
        this.runId = runId;
        this.model = model;
        this.service = ServiceDefinition.sttbenchServe();
        this.readiness = null;
        this.cpus = cpus;
    }

    WorkerFleets(UnitExecutor executor, String runId, ModelInfo model, ServiceDefinition service,
                 ServiceClients clients, Path clip, double cpus) {
        this.cpus = cpus;
        this.executor = executor;
        this.runId = runId;
        this.model = model;
        this.service = service;
        // null: the service's health path; without one, a transcription that succeeds
        this.readiness = service.healthPath() == null ? new TranscriptionReadiness(clients, clip) : null;
    }

    WorkerFleet create() {
        return create(cpus, (int) Math.max(1, Math.ceil(cpus)));
    }

    WorkerFleet create(double cpus, int threads) {
        String name = executor == null ? "local" : executor.name();
        if (name.equals("local")) {
            return new LocalWorkerFleet(model.path(), cpus, service.startupTimeout(), service, threads, readiness);
        }
        if (executor instanceof DockerExecutor docker) {
            return DockerWorkerFleet.on(docker, runId, model.path(), cpus, threads, service.startupTimeout(), service,
                    readiness);
        }
        if (executor instanceof KubernetesExecutor kubernetes) {
            return KubernetesWorkerFleet.on(kubernetes, runId, model.path(), cpus, threads, service.startupTimeout(),
                    line -> { }, service, readiness);
        }
        throw new BadInputException("the workers suite is not supported on the " + name
                + " executor; use executor: local, docker or kubernetes");
    }
}
