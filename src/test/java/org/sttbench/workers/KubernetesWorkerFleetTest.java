package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.sttbench.exec.kubernetes.JobSpecs;
import org.sttbench.exec.kubernetes.KubernetesCluster;
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
            KubernetesClient client = KubernetesCluster.connect(cluster.url(), token.toString());
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
                        .containsEntry(JobSpecs.RUN_LABEL, "fleet-k8s-test")
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
            assertNothingLeft(cluster, fleet);
            fleet.close();   // a second close is harmless

            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.rbac().used(cluster.rbac().user(ACCOUNT))).contains("create apps/deployments",
                    "delete apps/deployments", "create services", "delete services", "list pods");
            assertThat(cluster.kubeletErrors()).isEmpty();
            executor.close();
            client.close();
        }
    }

    @Test
    void aReplicaThatExitsAtStartFailsStartQuicklyWithItsOwnReasonOnOneLineAndLeavesNothing(@TempDir Path dir)
            throws Exception {
        String image = DockerTestSupport.workerImage();
        Path models = readableClaim(dir);
        Path garbage = Files.write(models.resolve("garbage.bin"), new byte[4096]);
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-r--r--"));

        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)
                .withKubelet(Map.of("sttbench-models", models), DockerTestSupport.client())) {
            KubernetesClient client = client(cluster, dir);
            KubernetesExecutor executor = executor(client, image);
            executor.podAddresses(cluster.kubelet()::address);
            KubernetesWorkerFleet fleet = KubernetesWorkerFleet.on(executor, "fleet-k8s-crash", garbage, 1.0,
                    Duration.ofMinutes(3), l -> { });

            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> fleet.start(1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).isInstanceOf(IllegalStateException.class);
            String message = failure.getMessage();
            assertThat(message).as(message).doesNotContain("\n", "\r")
                    .startsWith("worker pod " + fleet.name() + "-")
                    .contains(" of Deployment " + fleet.name() + " ")
                    .contains("CrashLoopBackOff").containsPattern("exit code [1-9]\\d*")
                    .contains("not a ggml whisper model");
            // far from the 3 minutes the replicas were given to be Ready: the crash is not waited out
            assertThat(took).as(message).isLessThan(Duration.ofSeconds(60));

            // what the test kubelet reported for the pod, and that its log is served at the pod log endpoint
            String pod = cluster.kubelet().lastCrash();
            assertThat(pod).isNotNull();
            assertThat(message).contains("worker pod " + pod + " ");
            assertThat(cluster.admin().pods().inNamespace(NS).withName(pod).inContainer(KubernetesWorkerFleet.CONTAINER)
                    .getLog()).contains("not a ggml whisper model");
            assertThat(cluster.rbac().used(cluster.rbac().user(ACCOUNT))).contains("get pods/log");

            assertNothingLeft(cluster, fleet);
            fleet.close();   // close after a failed start is harmless
            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.kubeletErrors()).isEmpty();
            executor.close();
            client.close();
        }
    }

    @Test
    void aReadyPodThatDoesNotAnswerFromHereFailsSayingTheOrchestratorMustRunInTheClusterAndLeavesNothing(
            @TempDir Path dir) throws Exception {
        String image = DockerTestSupport.workerImage();
        Path model = DockerTestSupport.model("micro").path();
        Path models = readableClaim(dir);
        Path inClaim = Files.copy(model, models.resolve(model.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(inClaim, PosixFilePermissions.fromString("rw-r--r--"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();   // nothing listens there once the socket is closed
        }
        int closedPort = closed;

        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)
                .withKubelet(Map.of("sttbench-models", models), DockerTestSupport.client())) {
            KubernetesClient client = client(cluster, dir);
            KubernetesExecutor executor = executor(client, image);
            // as the pod IP is seen from outside the cluster: nothing answers there
            executor.podAddresses((pod, port) -> "http://127.0.0.1:" + closedPort);
            KubernetesWorkerFleet fleet = KubernetesWorkerFleet.on(executor, "fleet-k8s-unreachable", model, 1.0,
                    Duration.ofMinutes(3), l -> { });

            Throwable failure = catchThrowable(() -> fleet.start(1));

            assertThat(failure).isInstanceOf(IllegalStateException.class);
            String message = failure.getMessage();
            assertThat(message).as(message).doesNotContain("\n", "\r")
                    .startsWith("worker pod " + fleet.name() + "-")
                    .contains("is Ready but http://127.0.0.1:" + closedPort + "/health does not answer from here")
                    .contains("pod IPs are reachable only inside the cluster")
                    .contains("run the orchestrator in a pod");
            // the pod was Ready in the cluster: only the address from here was wrong
            assertThat(cluster.kubelet().lastCrash()).isNull();

            assertNothingLeft(cluster, fleet);
            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.kubeletErrors()).isEmpty();
            executor.close();
            client.close();
        }
    }

    private static Path readableClaim(Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models-claim"));
        Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwxr-xr-x"));
        return models;
    }

    private static KubernetesClient client(RbacMockCluster cluster, Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor(ACCOUNT));
        return KubernetesCluster.connect(cluster.url(), token.toString());
    }

    private static KubernetesExecutor executor(KubernetesClient client, String image) {
        KubernetesSettings settings = KubernetesSettings.defaults(() -> image).withNamespace(NS)
                .withClaims("sttbench-models", "");
        return new KubernetesExecutor(settings, client, null, l -> { });
    }

    /** Nothing of the fleet left, down to the Docker containers that played its pods. */
    static void assertNothingLeft(RbacMockCluster cluster, KubernetesWorkerFleet fleet) throws InterruptedException {
        assertNothingLeft(cluster);
        assertThat(cluster.kubelet().dockerContainersOf(fleet.name())).isEmpty();
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
