package org.sttbench.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.RunWidth;
import org.sttbench.plan.Parallel;

/**
 * How many units a parallel plan runs at once on a cluster: the nodes that admit them (selector, taints,
 * readiness), capped by the plan and the unit count; and what happens without the right to list nodes.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterNodesTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @BeforeAll
    static void nodes() {
        create(TestScheduler.node("n1", "m5.large", "z1", 2, Map.of("pool", "bench"), List.of()));
        create(TestScheduler.node("n2", "m5.large", "z1", 2, Map.of("pool", "bench"),
                List.of(new TaintBuilder().withKey("dedicated").withValue("bench").withEffect("NoSchedule").build())));
        create(TestScheduler.node("n3", "m5.large", "z2", 2, Map.of(), List.of()));
        Node notReady = TestScheduler.node("n4", "m5.large", "z2", 2, Map.of("pool", "bench"), List.of());
        create(new NodeBuilder(notReady).editStatus().withConditions().addNewCondition().withType("Ready")
                .withStatus("False").endCondition().endStatus().build());
    }

    private static void create(Node node) {
        client.nodes().resource(node).create();
    }

    private static KubernetesExecutor executor(NodePool pool) {
        return new KubernetesExecutor(KubernetesSettings.defaults(() -> "x").withNamespace("bench").withPool(pool, 600),
                client, null, line -> { });
    }

    @Test
    void autoIsTheNodesThatAdmitTheUnits() {
        // n2's taint is not tolerated, n4 is not Ready
        assertThat(executor(NodePool.ANY).width(Parallel.AUTO, 6)).isEqualTo(new RunWidth(2, null));
        NodePool pool = NodePool.parse("pool=bench", "dedicated=bench:NoSchedule", "benchmark");
        assertThat(executor(pool).width(Parallel.AUTO, 6)).isEqualTo(new RunWidth(2, null));
        assertThat(executor(pool).width(Parallel.AUTO, 1)).isEqualTo(new RunWidth(1, null));
        assertThat(executor(pool).width(Parallel.SERIAL, 6)).isEqualTo(RunWidth.SERIAL);
    }

    @Test
    void moreThanTheEligibleNodesRunsWithWhatThereIsAndSaysSo() {
        RunWidth width = executor(NodePool.parse("pool=bench", "dedicated=bench", "")).width(new Parallel(5), 6);
        assertThat(width.units()).isEqualTo(2);
        assertThat(width.note()).isEqualTo("parallel: 5 asked for, 2 node(s) admit the units (pool=bench, tolerating "
                + "dedicated=bench): 2 unit(s) at a time");
    }

    @Test
    void aSelectorThatMatchesNoNodeStopsTheRunBeforeItStarts() {
        assertThatThrownBy(() -> executor(NodePool.parse("pool=gpu", "", "")).width(Parallel.AUTO, 6))
                .isInstanceOf(ExecutorUnavailableException.class)
                .hasMessage("no node admits the units: pool=gpu matches none of the 4 node(s) "
                        + "(sttbench.kubernetes.node-selector, sttbench.kubernetes.tolerations)");
    }

    @Test
    void badPoolSettingsAreOneLineNamingTheKey() {
        assertThatThrownBy(() -> NodePool.parse("pool", "", "")).hasMessageContaining("sttbench.kubernetes.node-selector")
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> NodePool.parse("", "a=b:Sometimes", "")).hasMessageContaining("sttbench.kubernetes.tolerations");
    }

    @Test
    void withoutTheRightToListNodesAutoRunsOneUnitAtATimeWithAWarning(@TempDir Path dir) throws Exception {
        List<HasMetadata> manifests = RbacDispatcher.without(RbacDispatcher.manifests(Path.of("k8s")),
                "ClusterRoleBinding", "sttbench-nodes");
        try (RbacMockCluster cluster = RbacMockCluster.start("perf", manifests)) {
            Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor("sttbench"));
            try (KubernetesClient limited = KubernetesCluster.connect(cluster.url(), token.toString());
                 KubernetesExecutor executor = new KubernetesExecutor(KubernetesSettings.defaults(() -> "x")
                         .withNamespace("perf"), limited, null, line -> { })) {
                RunWidth auto = executor.width(Parallel.AUTO, 6);
                assertThat(auto.units()).isEqualTo(1);
                assertThat(auto.note()).isEqualTo("parallel: auto ran one unit at a time: the service account may not "
                        + "list nodes (grant nodes get/list, see k8s/clusterrole-nodes.yaml)").doesNotContain("\n");
                RunWidth three = executor.width(new Parallel(3), 6);
                assertThat(three.units()).isEqualTo(3);
                assertThat(three.note()).contains("may not list nodes").contains("never share a node");
                assertThat(cluster.rbac().denials()).extracting(d -> d.code() + " " + d.request().permission())
                        .containsOnly("403 list nodes");
            }
        }
    }
}
