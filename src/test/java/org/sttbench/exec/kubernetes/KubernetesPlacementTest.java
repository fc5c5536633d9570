package org.sttbench.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.models.ModelInfo;

/**
 * Faults at cluster scale against the mock API server with two test nodes, each running its pods in
 * Docker: an evicted pod runs once more on the other node, a pod no node admits fails with the
 * scheduler's reason within the bound, and cancelling deletes every Job started.
 */
@Tag("docker")
@EnableKubernetesMockClient(crud = true)
class KubernetesPlacementTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "bench";
    private static TestKubelet kubelet;
    private static ModelInfo micro;
    private static String image;

    @BeforeAll
    static void cluster() throws Exception {
        image = DockerTestSupport.workerImage();
        micro = DockerTestSupport.model("micro");
        kubelet = new TestKubelet(server, client, NS, ClaimFolders.of(micro), DockerTestSupport.client())
                .withNodes(List.of(TestScheduler.node("node-a", "m5.large", "zone-a", 2, Map.of(), List.of()),
                        TestScheduler.node("node-b", "c6i.large", "zone-b", 2, Map.of(), List.of())))
                .start();
    }

    @AfterAll
    static void stop() {
        kubelet.close();
    }

    private static KubernetesExecutor executor(NodePool pool, int scheduleTimeoutS) {
        return new KubernetesExecutor(KubernetesSettings.defaults(() -> image).withNamespace(NS)
                .withClaims("models-pvc", "audio-pvc").withPool(pool, scheduleTimeoutS), client, null, line -> { });
    }

    private static WorkUnit unit(String runId) {
        return DockerTestSupport.unit(runId, micro, 0.5, 1, 1, 300);
    }

    @Test
    void aPodEvictedMidUnitRunsOnceMoreOnAnotherNode() throws Exception {
        try (KubernetesExecutor executor = executor(NodePool.ANY, 600)) {
            CompletableFuture<UnitResult> running = CompletableFuture.supplyAsync(() -> executor.execute(unit("k8s-evict")));
            TestScheduler.PodRun first = await(() -> runOf("k8s-evict"));
            kubelet.evict(first.pod());

            UnitResult result = running.get(5, TimeUnit.MINUTES);

            assertThat(result.status()).as(result.error() + " / kubelet: " + kubelet.errors()).isEqualTo(UnitResult.OK);
            assertThat(result.placement().attempts()).isEqualTo(2);
            assertThat(result.placement().node()).isNotEqualTo(first.node()).isIn("node-a", "node-b");
            assertThat(result.placement().retryReason()).startsWith("Evicted on " + first.node())
                    .contains("The node was low on resource: memory.");
            assertThat(jobsOf("k8s-evict")).isEmpty();
        }
    }

    @Test
    void aPodNoNodeAdmitsFailsWithTheSchedulersReasonWithinTheBound() {
        try (KubernetesExecutor executor = executor(NodePool.parse("pool=gpu", "", ""), 2)) {
            UnitResult result = executor.execute(unit("k8s-nowhere"));

            assertThat(result.status()).isEqualTo(UnitResult.FAILED);
            assertThat(result.error()).contains("not scheduled within 2 s (sttbench.kubernetes.schedule-timeout-s): "
                    + "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.").doesNotContain("\n");
            assertThat(result.placement()).isNull();
            assertThat(jobsOf("k8s-nowhere")).isEmpty();
        }
    }

    @Test
    void cancellingDeletesEveryJobItStarted() throws Exception {
        try (KubernetesExecutor executor = executor(NodePool.ANY, 600)) {
            CompletableFuture<UnitResult> one = CompletableFuture.supplyAsync(() -> executor.execute(unit("k8s-cancel")));
            CompletableFuture<UnitResult> two = CompletableFuture.supplyAsync(() -> executor.execute(unit("k8s-cancel")));
            await(() -> kubelet.scheduler().runs().stream()
                    .filter(r -> "k8s-cancel".equals(r.labels().get(JobSpecs.RUN_LABEL)) && r.end() == null)
                    .count() == 2 ? Optional.of(true) : Optional.empty());

            executor.cancel();

            assertThat(List.of(one.get(2, TimeUnit.MINUTES), two.get(2, TimeUnit.MINUTES)))
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(UnitResult.FAILED));
            assertThat(jobsOf("k8s-cancel")).isEmpty();
            // the test kubelet stops a deleted Job's container, as garbage collection and the kubelet do
            await(() -> kubelet.scheduler().runs().stream()
                    .filter(r -> "k8s-cancel".equals(r.labels().get(JobSpecs.RUN_LABEL)))
                    .allMatch(r -> r.end() != null) ? Optional.of(true) : Optional.empty());
        }
    }

    private static Optional<TestScheduler.PodRun> runOf(String runId) {
        return kubelet.scheduler().runs().stream()
                .filter(r -> runId.equals(r.labels().get(JobSpecs.RUN_LABEL)) && r.end() == null).findFirst();
    }

    private static List<?> jobsOf(String runId) {
        return client.batch().v1().jobs().inNamespace(NS).withLabel(JobSpecs.RUN_LABEL, runId).list().getItems();
    }

    private static <T> T await(Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within 3 minutes; kubelet: " + kubelet.errors());
    }
}
