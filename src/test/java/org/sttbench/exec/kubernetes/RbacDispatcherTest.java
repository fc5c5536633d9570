package org.sttbench.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.exec.ExecutorUnavailableException;

/** The RBAC check in front of the mock API server answers as Kubernetes would, so tests through it mean something. */
class RbacDispatcherTest {
    static final String NS = "perf";
    static final List<HasMetadata> MANIFESTS = RbacDispatcher.manifests(Path.of("k8s"));

    @Test
    void requestsAreResolvedAsTheApiServerResolvesThem() {
        assertThat(RbacDispatcher.attributes("GET", "/apis/batch/v1/namespaces/perf/jobs?limit=1"))
                .extracting(RbacDispatcher.Attributes::permission, RbacDispatcher.Attributes::namespace)
                .containsExactly("list batch/jobs", "perf");
        assertThat(RbacDispatcher.attributes("GET",
                "/apis/batch/v1/namespaces/perf/jobs?fieldSelector=metadata.name%3Dx&watch=true").permission())
                .isEqualTo("watch batch/jobs");
        assertThat(RbacDispatcher.attributes("GET", "/api/v1/namespaces/perf/pods/p-1/log?pretty=false&container=worker"))
                .extracting(RbacDispatcher.Attributes::permission, RbacDispatcher.Attributes::name)
                .containsExactly("get pods/log", "p-1");
        assertThat(RbacDispatcher.attributes("DELETE", "/apis/batch/v1/namespaces/perf/jobs/j").permission())
                .isEqualTo("delete batch/jobs");
        assertThat(RbacDispatcher.attributes("DELETE", "/apis/batch/v1/namespaces/perf/jobs").permission())
                .isEqualTo("deletecollection batch/jobs");
        assertThat(RbacDispatcher.attributes("PATCH", "/apis/batch/v1/namespaces/perf/jobs/j/status").permission())
                .isEqualTo("patch batch/jobs/status");
        assertThat(RbacDispatcher.attributes("GET", "/api/v1/nodes").namespace()).isNull();
        assertThat(RbacDispatcher.attributes("GET", "/version").isResourceRequest()).isFalse();
    }

    @Test
    void theServiceAccountGetsWhatItsRoleGrantsAndNothingElse(@TempDir Path dir) throws Exception {
        String account = RbacDispatcher.cronJobServiceAccount(MANIFESTS, "sttbench-nightly");
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)) {
            Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor(account) + "\n");
            try (KubernetesClient client = KubernetesCluster.connect(cluster.url(), token.toString())) {
                assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
                assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();

                assertThatThrownBy(() -> client.secrets().inNamespace(NS).list())
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(403);
                            assertThat(e.getStatus().getMessage()).isEqualTo("secrets is forbidden: User \""
                                    + "system:serviceaccount:perf:sttbench\" cannot list resource \"secrets\" in API group \"\""
                                    + " in the namespace \"perf\"");
                        });
                // pods may be read, not made or deleted: Jobs make them and garbage collection removes them
                assertThatThrownBy(() -> client.pods().inNamespace(NS).withName("x").delete())
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
                // the Role is namespaced: the same rights elsewhere are refused
                assertThatThrownBy(() -> client.batch().v1().jobs().inNamespace("default").list())
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
            }
            assertThat(cluster.rbac().denials()).extracting(d -> d.request().permission())
                    .containsExactly("list secrets", "delete pods", "list batch/jobs");
            assertThat(cluster.rbac().used("system:serviceaccount:perf:sttbench"))
                    .containsExactlyInAnyOrder("list batch/jobs", "list pods");
        }
    }

    @Test
    void withoutTheTokenTheExecutorSaysItsCredentialsWereRejected() {
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)) {
            KubernetesExecutor executor = new KubernetesExecutor(
                    KubernetesSettings.defaults(() -> "x").withNamespace(NS).withMasterUrl(cluster.url()), null, line -> { });
            try {
                assertThatThrownBy(executor::checkReady).isInstanceOf(ExecutorUnavailableException.class)
                        .hasMessageContaining("credentials rejected (401)");
            } finally {
                executor.close();
            }
        }
    }

    @Test
    void aRoleWithoutListingJobsIsRefusedBeforeAnythingRunsAndTheMessageSaysWhat(@TempDir Path dir) throws Exception {
        List<HasMetadata> manifests = RbacDispatcher.withRole(MANIFESTS, "sttbench-executor", role -> new RoleBuilder(role)
                .editMatchingRule(r -> r.getResources().contains("jobs")).withVerbs("create", "get", "watch", "delete")
                .endRule().build());
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, manifests)) {
            Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor("sttbench"));
            KubernetesExecutor executor = new KubernetesExecutor(KubernetesSettings.defaults(() -> "x").withNamespace(NS)
                    .withMasterUrl(cluster.url()).withTokenFile(token.toString()), null, line -> { });
            try {
                assertThatThrownBy(executor::checkReady).isInstanceOf(ExecutorUnavailableException.class)
                        .hasMessageContaining("forbidden (403)")
                        .hasMessageContaining("cannot list resource \"jobs\" in API group \"batch\" in the namespace \"perf\"")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            } finally {
                executor.close();
            }
        }
    }

    @Test
    void withoutANamespaceSetJobsGoWhereTheClientIsAsAPodInTheDeployedNamespace() {
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)) {
            String token = cluster.rbac().tokenFor("sttbench");
            for (String clientNamespace : new String[] {NS, null}) {
                KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl(cluster.url()).withOauthToken(token).withNamespace(clientNamespace).build()).build();
                KubernetesExecutor executor = new KubernetesExecutor(KubernetesSettings.defaults(() -> "x"), client, null,
                        line -> { });
                try {
                    if (clientNamespace != null) {
                        executor.checkReady();
                        assertThat(executor.namespace()).isEqualTo(NS);
                    } else {
                        assertThatThrownBy(executor::checkReady).hasMessageContaining("forbidden (403)")
                                .hasMessageContaining("in namespace default");
                    }
                } finally {
                    executor.close();
                    client.close();
                }
            }
        }
    }

    @Test
    void aMissingTokenFileIsNamed(@TempDir Path dir) {
        KubernetesExecutor executor = new KubernetesExecutor(KubernetesSettings.defaults(() -> "x")
                .withMasterUrl("http://127.0.0.1:1").withTokenFile(dir.resolve("nope").toString()), null, line -> { });
        try {
            assertThatThrownBy(executor::checkReady).isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessageStartingWith("cannot read the API token from sttbench.kubernetes.token-file");
        } finally {
            executor.close();
        }
    }
}
