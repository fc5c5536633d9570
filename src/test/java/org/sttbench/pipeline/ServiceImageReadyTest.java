package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.docker.DockerSettings;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.KubernetesSettings;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanLoader;
import org.sttbench.workers.DockerWorkerFleet;
import org.sttbench.workers.KubernetesWorkerFleet;
import org.sttbench.workers.ServiceDefinition;

/** A plan whose every suite runs the service checks the service's image, and never asks for the worker image. */
class ServiceImageReadyTest {
    private static final ModelInfo MODEL = new ModelInfo("m", Path.of("m.bin"), 1, "x", true);

    private static Plan plan(String executor, String suites) {
        return new PlanLoader().parse("""
                name: svc
                executor: %s
                service:
                  image: my-stt:1
                  args: ["-t", "{threads}"]
                  health: {path: /health}
                  api: whispercpp
                suites:
                %s
                """.formatted(executor, suites.indent(2)), "svc.plan.yaml");
    }

    @Test
    void onlyAServicePlanWithoutEngineOrServeSuitesSkipsTheWorkerImage() {
        assertThat(ServiceRuns.soleImage(plan("docker", """
                cpu_scaling: {cpus: [1, 2]}
                threads: {cpus: 1, threads: [1, 2]}
                workers: {counts: [1, 2]}
                load: {concurrency: [1]}
                """))).contains("my-stt:1");
        // the audio suite measures sttbench's own engine: the worker image stays required
        assertThat(ServiceRuns.soleImage(plan("docker", "audio: {}"))).isEmpty();
        assertThat(ServiceRuns.soleImage(new PlanLoader().parse("name: p\nsuites: {latency: {}}\n", "p.plan.yaml")))
                .isEmpty();
    }

    @Test
    void theRunChecksTheServiceImageInsteadOfTheWorkerImage() {
        List<String> checked = new ArrayList<>();
        UnitExecutor executor = new SleepingExecutor(0) {
            @Override
            public void checkReady() {
                checked.add("worker image");
            }

            @Override
            public void checkReady(String serviceImage) {
                checked.add(serviceImage);
            }
        };
        ServiceRuns.checkReady(executor, plan("docker", "cpu_scaling: {cpus: [1]}"));
        ServiceRuns.checkReady(executor, plan("docker", "audio: {}"));
        assertThat(checked).containsExactly("my-stt:1", "worker image");
    }

    @Test
    void serviceFleetsNeverAskForTheWorkerImage() {
        ServiceDefinition service = ServiceDefinition.of(plan("kubernetes", "workers: {counts: [1]}"));
        Supplier<String> refused = () -> {
            throw new IllegalStateException("the worker image was asked for");
        };
        KubernetesExecutor kubernetes = new KubernetesExecutor(KubernetesSettings.defaults(refused).withNamespace("perf")
                .withMasterUrl("http://127.0.0.1:1"), null, l -> { });
        DockerExecutor docker = new DockerExecutor(DockerSettings.defaults(refused), l -> { });
        try {
            assertThat(KubernetesWorkerFleet.on(kubernetes, "run-1", MODEL.path(), 1.0, 1, service.startupTimeout(),
                    l -> { }, service, null)).isNotNull();
            assertThat(DockerWorkerFleet.on(docker, "run-1", MODEL.path(), 1.0, 1, service.startupTimeout(), service,
                    null)).isNotNull();
        } finally {
            kubernetes.close();
            docker.close();
        }
    }
}
