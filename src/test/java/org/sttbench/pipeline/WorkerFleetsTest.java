package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sttbench.BadInputException;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.docker.DockerSettings;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.KubernetesSettings;
import org.sttbench.models.ModelInfo;
import org.sttbench.workers.DockerWorkerFleet;
import org.sttbench.workers.KubernetesWorkerFleet;
import org.sttbench.workers.LocalWorkerFleet;

/** The plan's executor decides how replicas start; creating a fleet starts nothing. */
class WorkerFleetsTest {
    private static final ModelInfo MODEL = new ModelInfo("m", Path.of("m.bin"), 1, "x", true);

    @Test
    void localAndDockerExecutorsHaveFleets() {
        assertThat(new WorkerFleets(null, "run-1", MODEL, 1.0).create()).isInstanceOf(LocalWorkerFleet.class);
        DockerExecutor docker = new DockerExecutor(DockerSettings.defaults(() -> "sttbench-worker:t"), l -> { });
        try {
            assertThat(new WorkerFleets(docker, "run-1", MODEL, 1.0).create()).isInstanceOf(DockerWorkerFleet.class);
        } finally {
            docker.close();
        }
    }

    @Test
    void kubernetesHasAFleetOfItsOwnAndOtherExecutorsAreRefused() {
        KubernetesExecutor kubernetes = new KubernetesExecutor(
                KubernetesSettings.defaults(() -> "sttbench-worker:t").withNamespace("perf")
                        .withMasterUrl("http://127.0.0.1:1"), null, l -> { });
        try {
            assertThat(new WorkerFleets(kubernetes, "run-1", MODEL, 1.0).create()).isInstanceOf(KubernetesWorkerFleet.class);
        } finally {
            kubernetes.close();
        }
        UnitExecutor other = new UnitExecutor() {
            @Override
            public String name() {
                return "slurm";
            }

            @Override
            public double maxCpus() {
                return 1;
            }

            @Override
            public void checkReady() {
            }

            @Override
            public UnitResult execute(WorkUnit unit) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> new WorkerFleets(other, "run-1", MODEL, 1.0).create())
                .isInstanceOf(BadInputException.class)
                .hasMessage("the workers suite is not supported on the slurm executor; use executor: local, docker or kubernetes");
    }
}
