package org.sttbench.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.models.ModelInfo;

@EnableKubernetesMockClient
class KubernetesErrorsTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String FORBIDDEN = "forbidden (403): the service account needs jobs create/get/list/watch/delete, "
            + "pods get/list/watch, pods/log get (and for the workers suite deployments create/get/delete, "
            + "services create/delete) in namespace bench";

    private static KubernetesExecutor executor(KubernetesClient c) {
        return new KubernetesExecutor(KubernetesSettings.defaults(() -> "sttbench-worker:test").withNamespace("bench"),
                c, null, line -> { });
    }

    private static WorkUnit unit() {
        ModelInfo model = new ModelInfo("tiny", Path.of("/home/me/models/ggml-tiny.bin"), 1, "x", false);
        return new WorkUnit("20250101-run", "cpu_scaling-tiny-0.5cpu", 3, 4, Suite.CPU_SCALING, model,
                List.of("/home/me/audio/clip.wav"), "en", 0.5, null, 2, 1, 90);
    }

    @Test
    void forbiddenNamesTheRightsTheServiceAccountNeeds() {
        server.expect().get().withPath("/apis/batch/v1/namespaces/bench/jobs?limit=1")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("jobs.batch is forbidden").build()).always();
        server.expect().post().withPath("/apis/batch/v1/namespaces/bench/jobs")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").build()).always();
        KubernetesExecutor executor = executor(client);
        try {
            assertThatThrownBy(executor::checkReady)
                    .isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessageContaining(FORBIDDEN)
                    .hasMessageContaining("(the API said: jobs.batch is forbidden)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            // a refused create fails the unit, it does not throw
            UnitResult result = executor.execute(unit());
            assertThat(result.status()).isEqualTo(UnitResult.FAILED);
            assertThat(result.error()).contains(FORBIDDEN);
        } finally {
            executor.close();
        }
    }

    @Test
    void rejectedCredentialsAreSaidSo() {
        server.expect().get().withPath("/apis/batch/v1/namespaces/bench/jobs?limit=1")
                .andReturn(401, new StatusBuilder().withCode(401).withReason("Unauthorized").build()).once();
        assertThatThrownBy(executor(client)::checkReady)
                .isInstanceOf(ExecutorUnavailableException.class)
                .hasMessageContaining("credentials rejected (401)");
    }

    @Test
    void anApiServerThatIsDownIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        KubernetesExecutor executor = new KubernetesExecutor(
                KubernetesSettings.defaults(() -> "x").withMasterUrl(url), null, line -> { });
        try {
            assertThatThrownBy(executor::checkReady)
                    .isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessageStartingWith("Kubernetes API not reachable at " + url)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            executor.close();
        }
    }

    @Test
    void cpuLimitsBecomeQuantities() {
        assertThat(JobSpecs.cpuQuantity(1)).isEqualTo("1");
        assertThat(JobSpecs.cpuQuantity(0.5)).isEqualTo("500m");
        assertThat(JobSpecs.cpuQuantity(1.25)).isEqualTo("1250m");
    }

    @Test
    void namesAndLabelsAreValidForTheApi() {
        WorkUnit unit = new WorkUnit("Nightly_Run 2025-01-01T00:00 with a very long name that goes on and on and on",
                "x", 12, 20, Suite.LATENCY, unit().model(), unit().audio(), "en", 1.0, null, 1, 0, 60);
        String name = JobSpecs.jobName(unit);
        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").contains("-12-");
        assertThat(JobSpecs.labelValue("_" + "a".repeat(80) + "_")).hasSizeBetween(60, 63).matches("[A-Za-z0-9].*[A-Za-z0-9]");
    }

    @Test
    void hostPathsAreRemappedToTheClusterConvention() {
        KubernetesExecutor executor = executor(client);
        WorkUnit remapped = executor.specs().remap(unit());
        assertThat(remapped.model().path()).isEqualTo(Path.of("/models/ggml-tiny.bin"));
        assertThat(remapped.audio()).containsExactly("/audio/clip.wav");
    }
}
