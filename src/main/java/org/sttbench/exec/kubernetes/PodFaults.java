package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads from a unit's pod what went wrong outside the worker: the scheduler could not place it, or the
 * cluster took it away (evicted, preempted, its node gone). The second is no fault of the unit, so it runs
 * once more elsewhere; the first fails it with the scheduler's own words.
 */
final class PodFaults {
    /** Pod status reasons of a pod the cluster ended: the kubelet's eviction, preemption, a lost or shut down node. */
    private static final Set<String> DISRUPTED = Set.of("Evicted", "Preempting", "NodeLost", "Shutdown", "Terminated",
            "NodeShutdown", "DeletionByTaintManager");

    private PodFaults() {
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static String node(Pod pod) {
        return pod == null || pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    /** The scheduler's reason ("0/3 nodes are available: 3 Insufficient cpu."), or null while it has none. */
    static String unschedulable(Pod pod) {
        if (node(pod) != null) {
            return null;
        }
        return condition(pod, "PodScheduled")
                .filter(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
                .map(c -> c.getMessage() == null ? "Unschedulable" : c.getMessage().strip())
                .orElse(null);
    }

    /** Why the cluster ended the pod ("Evicted on node-b: The node was low on resource: memory."), or null. */
    static String disruption(Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return null;
        }
        String reason = pod.getStatus().getReason();
        Optional<PodCondition> target = condition(pod, "DisruptionTarget").filter(c -> "True".equals(c.getStatus()));
        if ((reason == null || !DISRUPTED.contains(reason)) && target.isEmpty()) {
            return null;
        }
        String why = reason != null && DISRUPTED.contains(reason) ? reason : target.get().getReason();
        String message = pod.getStatus().getMessage() != null ? pod.getStatus().getMessage()
                : target.map(PodCondition::getMessage).orElse(null);
        String on = node(pod) == null ? "" : " on " + node(pod);
        return why + on + (message == null || message.isBlank() ? "" : ": " + KubernetesCluster.firstLine(message));
    }

    /** A pod of the list that has been given a node. */
    static boolean anyScheduled(List<Pod> pods) {
        return pods.stream().anyMatch(p -> node(p) != null);
    }
}
