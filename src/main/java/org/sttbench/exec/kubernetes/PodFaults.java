package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sttbench.exec.WorkerOutput;

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

    /** Why a Job ended without a result: its Failed condition, the worker's exit, the last line of its log. */
    static String failureReason(Job job, Pod pod, String log) {
        List<String> parts = new ArrayList<>();
        if (job.getStatus() != null && job.getStatus().getConditions() != null) {
            job.getStatus().getConditions().stream()
                    .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                    .findFirst()
                    .ifPresent(c -> parts.add("Job failed: " + c.getReason()
                            + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")));
        }
        ContainerStateTerminated terminated = pod == null || pod.getStatus() == null
                || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream()
                        .map(ContainerStatus::getState)
                        .filter(s -> s != null && s.getTerminated() != null)
                        .map(s -> s.getTerminated())
                        .findFirst().orElse(null);
        if (terminated != null) {
            parts.add("OOMKilled".equals(terminated.getReason())
                    ? "worker killed: out of memory (raise sttbench.kubernetes.memory)"
                    : "worker exited with code " + terminated.getExitCode());
        }
        if (pod == null) {
            parts.add("no pod was created");
        }
        if (log != null && !log.isBlank()) {
            parts.add(WorkerOutput.lastLine(log));
        }
        return parts.isEmpty() ? "Job ended without a result" : String.join(": ", parts);
    }
}
