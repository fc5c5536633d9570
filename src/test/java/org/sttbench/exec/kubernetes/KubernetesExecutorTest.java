package org.sttbench.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.models.ModelInfo;

/** The executor against the fabric8 mock API server, with {@link TestKubelet} running pods in Docker. */
@Tag("docker")
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "bench";
    private static Path models;
    private static TestKubelet kubelet;
    private static KubernetesExecutor executor;
    private static final List<Job> jobsSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void cluster() throws Exception {
        String image = DockerTestSupport.workerImage();
        // the claims' contents as a cluster would hold them: world-readable files in traversable folders
        Map<String, Path> claims = ClaimFolders.of(DockerTestSupport.model("micro"));
        models = claims.get("models-pvc");
        Files.write(models.resolve("garbage.bin"), new byte[4096]);
        Files.setPosixFilePermissions(models.resolve("garbage.bin"), PosixFilePermissions.fromString("rw-r--r--"));

        kubelet = new TestKubelet(server, client, NS, claims, DockerTestSupport.client()).start();
        client.batch().v1().jobs().inNamespace(NS).watch(new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED) {
                    jobsSeen.add(job);
                }
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            }
        });
        executor = new KubernetesExecutor(KubernetesSettings.defaults(() -> image).withNamespace(NS)
                .withClaims("models-pvc", "audio-pvc"), client, null, line -> { });
    }

    @AfterAll
    static void stop() {
        executor.close();
        kubelet.close();
    }

    @Test
    void aUnitRunsAsAJobAndItsResultComesBackFromThePodLog() {
        executor.checkReady();
        WorkUnit unit = DockerTestSupport.unit("k8s-test-ok", DockerTestSupport.model("micro"), 1.0, 2, 3, 300);

        UnitResult result = executor.execute(unit);

        assertThat(result.status()).as(result.error() + " / kubelet: " + kubelet.errors()).isEqualTo(UnitResult.OK);
        assertThat(result.executor()).isEqualTo("kubernetes");
        assertThat(result.unit()).isEqualTo(unit);
        assertThat(result.environment().container()).isEqualTo("kubernetes");
        assertThat(result.environment().cpuLimit()).isEqualTo(1.0);
        assertThat(result.usage().cpuPerWall()).isLessThanOrEqualTo(1.15);
        assertThat(result.threadDerivation()).contains("kubernetes limits.cpu 1");

        Job job = jobsSeen.stream().filter(j -> "k8s-test-ok".equals(j.getMetadata().getLabels().get(JobSpecs.RUN_LABEL)))
                .findFirst().orElseThrow();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        // Guaranteed QoS: requests equal limits
        assertThat(container.getResources().getRequests()).isEqualTo(container.getResources().getLimits())
                .containsEntry("cpu", new Quantity("1")).containsEntry("memory", new Quantity("2Gi"));
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("STTBENCH_UNIT");
            assertThat(env.getValue()).contains("/models/synthetic-micro.bin").contains("/audio/en_5s.wav");
        });
        // the finished Job is deleted, not left for the TTL
        assertThat(client.batch().v1().jobs().inNamespace(NS).withLabel(JobSpecs.RUN_LABEL, "k8s-test-ok")
                .list().getItems()).isEmpty();
    }

    @Test
    void aJobPastItsDeadlineFailsTheUnitWithTheReason() {
        WorkUnit unit = DockerTestSupport.unit("k8s-test-deadline", DockerTestSupport.model("micro"), 1.0, 1, 50, 3);

        UnitResult result = executor.execute(unit);

        assertThat(result.status()).isEqualTo(UnitResult.FAILED);
        assertThat(result.error()).startsWith("Job failed: DeadlineExceeded");
    }

    @Test
    void aWorkerThatRejectsItsModelFailsTheUnitWithItsReason() {
        ModelInfo garbage = new ModelInfo("garbage", models.resolve("garbage.bin"), 4096, "x", false);
        WorkUnit unit = DockerTestSupport.unit("k8s-test-garbage", garbage, 1.0, 1, 1, 120);

        UnitResult result = executor.execute(unit);

        assertThat(result.status()).isEqualTo(UnitResult.FAILED);
        assertThat(result.executor()).isEqualTo("kubernetes");
        assertThat(result.error()).contains("corrupt or unsupported model");
    }
}
