package org.sttbench.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sttbench.bench.Suite;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.models.ModelInfo;

/** The next start on an inbox removes the Jobs and fleets its killed predecessor left, and nothing else. */
@EnableKubernetesMockClient(crud = true)
class OrphanObjectsTest {
    private static final String NS = "bench";
    static KubernetesMockServer server;
    static KubernetesClient client;

    @AfterEach
    void noInstance() {
        InstanceLabel.set(null);
    }

    @Test
    void unitJobsCarryTheInstanceLabel() {
        InstanceLabel.set("i-0123456789abcdef");
        ModelInfo model = new ModelInfo("tiny", Path.of("/m/ggml-tiny.bin"), 1, "x", false);
        WorkUnit unit = new WorkUnit("20250101-run", "cpu_scaling-tiny-1cpu", 0, 1, Suite.CPU_SCALING, model,
                List.of("/a/clip.wav"), "en", 1.0, null, 1, 1, 90);
        assertThat(JobSpecs.labels(unit)).containsEntry(InstanceLabel.KEY, "i-0123456789abcdef");
        assertThat(new JobSpecs(KubernetesSettings.defaults(() -> "x")).jobSpec(unit, unit, "{}", null)
                .getTemplate().getMetadata().getLabels()).containsEntry(InstanceLabel.KEY, "i-0123456789abcdef");
    }

    @Test
    void removesThisInstancesLeftoversOnly() {
        String mine = "i-aaaaaaaaaaaaaaaa";
        String other = "i-bbbbbbbbbbbbbbbb";
        create(job("left-job", mine));
        create(job("other-job", other));
        create(job("unlabelled-job", null));
        create(new DeploymentBuilder().withMetadata(meta("left-fleet", mine)).withNewSpec().withNewSelector()
                .addToMatchLabels("app", "x").endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "x")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec()
                .endTemplate().endSpec().build());
        create(new ServiceBuilder().withMetadata(meta("left-fleet", mine)).withNewSpec().addNewPort().withPort(80)
                .endPort().endSpec().build());
        create(new ServiceBuilder().withMetadata(meta("other-fleet", other)).withNewSpec().addNewPort().withPort(80)
                .endPort().endSpec().build());

        // made after this start took the inbox lock: this process's own, kept
        assertThat(OrphanObjects.remove(client, NS, mine, Instant.now().minusSeconds(3600))).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("left-job").get()).isNotNull();

        List<String> removed = OrphanObjects.remove(client, NS, mine, Instant.now().plusSeconds(5));
        assertThat(removed).containsExactlyInAnyOrder("Job bench/left-job", "Deployment bench/left-fleet",
                "Service bench/left-fleet");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("left-job").get()).isNull();
        assertThat(client.apps().deployments().inNamespace(NS).withName("left-fleet").get()).isNull();
        assertThat(client.services().inNamespace(NS).withName("left-fleet").get()).isNull();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("other-job").get()).isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("unlabelled-job").get()).isNotNull();
        assertThat(client.services().inNamespace(NS).withName("other-fleet").get()).isNotNull();
    }

    private static void create(HasMetadata object) {
        client.resource(object).inNamespace(NS).create();
    }

    private static Job job(String name, String instance) {
        return new JobBuilder().withMetadata(meta(name, instance)).withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("c").withImage("i").endContainer().withRestartPolicy("Never").endSpec()
                .endTemplate().endSpec().build();
    }

    private static ObjectMeta meta(String name, String instance) {
        Map<String, String> labels = new HashMap<>(Map.of("app.kubernetes.io/name", "sttbench-worker"));
        if (instance != null) {
            labels.put(InstanceLabel.KEY, instance);
        }
        return new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withLabels(labels).build();
    }
}
