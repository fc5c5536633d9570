package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.KubernetesSettings;
import org.sttbench.exec.kubernetes.RbacDispatcher;
import org.sttbench.exec.kubernetes.RbacMockCluster;
import org.sttbench.load.AudioPayload;

/**
 * Replicas as the pods of a Deployment, against the mock API server with the Role of k8s/ enforced and
 * the test kubelet running each pod's container in Docker, published on 127.0.0.1 (the test's stand-in
 * for pod IPs, through {@link org.sttbench.exec.kubernetes.PodAddresses}).
 */
@Tag("docker")
class KubernetesWorkerFleetTest {
    private static final String NS = "perf";
    private static final List<HasMetadata> MANIFESTS = RbacDispatcher.manifests(Path.of("k8s"));
    private static final String ACCOUNT = RbacDispatcher.cronJobServiceAccount(MANIFESTS, "sttbench-nightly");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoReplicasAtOneCpuBecomeReadyTranscribeAndAreDeletedWithinTheRole(@TempDir Path dir) throws Exception {
        String image = DockerTestSupport.workerImage();
        Path model = DockerTestSupport.model("micro").path();
        Path models = Files.createDirectories(dir.resolve("models-claim"));
        Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path inClaim = Files.copy(model, models.resolve(model.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(inClaim, PosixFilePermissions.fromString("rw-r--r--"));

        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)
                .withKubelet(Map.of("sttbench-models", models), DockerTestSupport.client())) {
            Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor(ACCOUNT));
            KubernetesClient client = KubernetesExecutor.connect(cluster.url(), token.toString());
            KubernetesSettings settings = KubernetesSettings.defaults(() -> image).withNamespace(NS)
                    .withClaims("sttbench-models", "");
            KubernetesExecutor executor = new KubernetesExecutor(settings, client, null, l -> { });
            executor.podAddresses(cluster.kubelet()::address);
            KubernetesClient admin = cluster.admin();
            KubernetesWorkerFleet fleet = KubernetesWorkerFleet.on(executor, "fleet-k8s-test", model, 1.0,
                    Duration.ofMinutes(3), l -> { });
            try {
                List<String> urls = fleet.start(2);

                assertThat(urls).hasSize(2).doesNotHaveDuplicates()
                        .allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+"));
                Deployment deployment = admin.apps().deployments().inNamespace(NS).withName(fleet.name()).get();
                assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
                assertThat(deployment.getMetadata().getLabels())
                        .containsEntry(KubernetesExecutor.RUN_LABEL, "fleet-k8s-test")
                        .containsEntry(KubernetesWorkerFleet.FLEET_LABEL, fleet.fleetId())
                        .containsEntry(KubernetesWorkerFleet.ROLE_LABEL, KubernetesWorkerFleet.ROLE);
                var pod = deployment.getSpec().getTemplate().getSpec();
                Container container = pod.getContainers().get(0);
                // Guaranteed QoS: requests equal limits, 1 CPU and the executor's memory
                assertThat(container.getResources().getRequests()).isEqualTo(container.getResources().getLimits());
                assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("1"))
                        .containsEntry("memory", new Quantity("2Gi"));
                assertThat(container.getArgs()).containsExactly("serve", "--model", "/models/" + model.getFileName(),
                        "--host", "0.0.0.0", "--port", "8000", "--workers", "1", "--threads", "1");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(pod.getVolumes()).singleElement().satisfies(v ->
                        assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("sttbench-models"));
                var service = admin.services().inNamespace(NS).withName(fleet.name()).get();
                assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                assertThat(cluster.kubelet().deploymentContainers()).hasSize(2);
                // each container has the pod's CPU limit
                for (String id : cluster.kubelet().deploymentContainers()) {
                    assertThat(DockerTestSupport.client().inspectContainerCmd(id).exec().getHostConfig().getNanoCPUs())
                            .isEqualTo(1_000_000_000L);
                }

                AudioPayload payload = AudioPayload.of(DockerTestSupport.EN_5S, null, "json", "en");
                for (String url : urls) {
                    HttpResponse<String> transcription = http.send(
                            HttpRequest.newBuilder(URI.create(url + "/v1/audio/transcriptions"))
                                    .header("Content-Type", payload.contentType())
                                    .timeout(Duration.ofMinutes(1))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(transcription.statusCode()).as(transcription.body()).isEqualTo(200);
                    JsonNode body = Json.json().readTree(transcription.body());
                    assertThat(body.has("text")).as(transcription.body()).isTrue();
                }
            } finally {
                fleet.close();
            }
            assertNothingLeft(cluster);
            fleet.close();   // a second close is harmless

            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.rbac().used(cluster.rbac().user(ACCOUNT))).contains("create apps/deployments",
                    "delete apps/deployments", "create services", "delete services", "list pods");
            assertThat(cluster.kubeletErrors()).isEmpty();
            executor.close();
            client.close();
        }
    }

    /** The Deployment, the Service, the pods and their containers are gone. */
    static void assertNothingLeft(RbacMockCluster cluster) throws InterruptedException {
        KubernetesClient admin = cluster.admin();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !cluster.kubelet().deploymentContainers().isEmpty()) {
            Thread.sleep(200);
        }
        assertThat(admin.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(admin.services().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(admin.pods().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(cluster.kubelet().deploymentContainers()).isEmpty();
    }
}
