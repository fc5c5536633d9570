package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.cli.ExitCode;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.RbacDispatcher;
import org.sttbench.exec.kubernetes.RbacMockCluster;
import org.sttbench.models.ModelInfo;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.workers.KubernetesWorkerFleetTestAccess;

/**
 * The workers suite on the kubernetes executor: each replica count is a Deployment and a Service, made
 * with the CronJob's service account within the Role of k8s/, loaded through the pods, then deleted.
 */
@Tag("docker")
class KubernetesWorkersPipelineTest {
    private static final String NS = "perf";
    private static final List<HasMetadata> MANIFESTS = RbacDispatcher.manifests(Path.of("k8s"));
    private static final String ACCOUNT = RbacDispatcher.cronJobServiceAccount(MANIFESTS, "sttbench-nightly");

    @Test
    void oneAndTwoReplicaDeploymentsGiveThroughputAndEfficiency(@TempDir Path dir) throws Exception {
        String image = DockerTestSupport.workerImage();
        ModelInfo model = DockerTestSupport.model("micro");
        Path models = DockerTestSupport.modelsClaim(dir, model);
        Path plan = Files.writeString(dir.resolve("k8s-fleet.plan.yaml"), """
                name: k8s-fleet
                model: %s
                audio: test_audio/en_5s.wav
                executor: kubernetes
                suites:
                  workers: { counts: [1, 2], requests_per_worker: 3, concurrency: 1, cpus: 1 }
                """.formatted(model.path()));
        Path outbox = dir.resolve("outbox");

        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)
                .withKubelet(Map.of("sttbench-models", models), DockerTestSupport.client())) {
            Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor(ACCOUNT));
            try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                    "sttbench.outbox", outbox.toString(),
                    "sttbench.kubernetes.master-url", cluster.url(),
                    "sttbench.kubernetes.token-file", token.toString(),
                    "sttbench.kubernetes.namespace", NS,
                    "sttbench.kubernetes.image", image,
                    "sttbench.kubernetes.models-claim", "sttbench-models"), false)) {
                // pod IPs of the test kubelet are not routable: reach each pod where its port is published
                ExecutorRegistry executors = app.context().getRegistry().lookupByNameAndType("executors", ExecutorRegistry.class);
                ((KubernetesExecutor) executors.get("kubernetes")).podAddresses(cluster.kubelet()::address);
                app.runPlan(plan);
                assertThat(ExitCode.of(app.outcomes().outcome())).isEqualTo(ExitCode.OK);
            }

            Path resultsFile = outbox.resolve("latest").resolve(Outbox.RESULTS_FILE);
            RunResult run = Outbox.read(resultsFile);
            assertThat(ResultsSchema.problems(resultsFile)).isEmpty();
            assertThat(run.executor()).isEqualTo("kubernetes");
            JsonNode points = run.analysis().get("workers").get("points");
            String context = points + "\nkubelet: " + cluster.kubeletErrors() + "\ndenied: " + cluster.rbac().denials();
            assertThat(points).as(context).hasSize(2);
            assertThat(points.get(0).get("workers").asInt()).isEqualTo(1);
            assertThat(points.get(1).get("workers").asInt()).isEqualTo(2);
            for (JsonNode point : points) {
                assertThat(point.get("rps").asDouble()).as(point.toString()).isPositive();
                assertThat(point.get("success_rate").asDouble()).as(point.toString()).isEqualTo(1.0);
                assertThat(point.get("efficiency").isNumber()).as(point.toString()).isTrue();
            }
            assertThat(points.get(1).get("efficiency").asDouble()).isPositive();
            assertThat(outbox.resolve(run.runId()).resolve("workers.md")).exists();

            // no Deployment, Service, pod or container is left, and the Role was enough
            KubernetesWorkerFleetTestAccess.assertNothingLeft(cluster);
            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.kubeletErrors()).isEmpty();
        }
    }
}
