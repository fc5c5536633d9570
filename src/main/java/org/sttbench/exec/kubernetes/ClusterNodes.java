package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sttbench.bench.Placement;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.RunWidth;
import org.sttbench.plan.Parallel;

/**
 * What the executor asks of the cluster's nodes (cluster-scoped, so a ClusterRole's nodes get/list): how
 * many admit the units (the width of a parallel run), and what kind of machine a unit ran on. Without
 * the right to read nodes it still runs: one unit at a time for {@code auto}, no instance type in results.
 */
final class ClusterNodes {
    static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    static final String ZONE = "topology.kubernetes.io/zone";

    private final KubernetesCluster cluster;
    private final NodePool pool;
    /** Node name to its labels (empty when the node could not be read), read once per node. */
    private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();

    ClusterNodes(KubernetesCluster cluster, NodePool pool) {
        this.cluster = cluster;
        this.pool = pool;
    }

    /** The units at once: what the plan asked for, capped by the nodes that admit them and by the units. */
    RunWidth width(Parallel requested, int units) {
        if (requested == null || !requested.requested()) {
            return RunWidth.SERIAL;
        }
        List<Node> nodes;
        try {
            nodes = cluster.client().nodes().list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw new ExecutorUnavailableException(cluster.explain(e));
            }
            if (requested.auto()) {
                return new RunWidth(1, "parallel: auto ran one unit at a time: the service account may not list nodes "
                        + "(grant nodes get/list, see k8s/clusterrole-nodes.yaml)");
            }
            int width = Math.max(1, Math.min(requested.count(), units));
            return new RunWidth(width, "parallel: " + requested.count() + " taken as given: the service account may not "
                    + "list nodes, so the eligible node count is unknown; units still never share a node");
        }
        long eligible = nodes.stream().filter(pool::admits).count();
        nodes.forEach(n -> labels.put(n.getMetadata().getName(), labelsOf(n)));
        if (eligible == 0) {
            throw new ExecutorUnavailableException("no node admits the units: " + pool.describe() + " matches none of the "
                    + nodes.size() + " node(s) (sttbench.kubernetes.node-selector, sttbench.kubernetes.tolerations)");
        }
        int asked = requested.auto() ? (int) eligible : requested.count();
        int width = (int) Math.max(1, Math.min(Math.min(asked, eligible), units));
        String note = asked > eligible ? "parallel: " + asked + " asked for, " + eligible + " node(s) admit the units ("
                + pool.describe() + "): " + width + " unit(s) at a time" : null;
        return new RunWidth(width, note);
    }

    /** The node's name, instance type and zone as far as they can be read; null when the pod never got a node. */
    Placement placement(String node) {
        if (node == null || node.isBlank()) {
            return null;
        }
        Map<String, String> known = labels.computeIfAbsent(node, this::read);
        return new Placement(node, known.get(INSTANCE_TYPE), known.get(ZONE), null, 1, null);
    }

    private Map<String, String> read(String node) {
        try {
            return Optional.ofNullable(cluster.client().nodes().withName(node).get()).map(ClusterNodes::labelsOf)
                    .orElse(Map.of());
        } catch (KubernetesClientException e) {
            // no right to read nodes, or the node is gone: the unit still names its node
            return Map.of();
        }
    }

    private static Map<String, String> labelsOf(Node node) {
        return node.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(node.getMetadata().getLabels());
    }
}
