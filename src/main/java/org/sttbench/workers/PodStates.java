package org.sttbench.workers;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Set;

/**
 * What a fleet pod's status says: whether it serves, and why it never will without someone's help (a
 * crash loop, an image that cannot be pulled, an out-of-memory kill), so a fleet fails at once with the
 * reason instead of waiting out its ready timeout.
 */
final class PodStates {
    private static final Set<String> FATAL_WAITING = Set.of("CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private PodStates() {
    }

    /** Running, Ready, with an IP and not being deleted. */
    static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of() : pod.getStatus().getConditions();
        return "Running".equals(pod.getStatus().getPhase())
                && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Why a pod will not become Ready by waiting, or null. */
    static String failure(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        if ("Failed".equals(pod.getStatus().getPhase()) || "Succeeded".equals(pod.getStatus().getPhase())) {
            return "ended (" + pod.getStatus().getPhase() + (pod.getStatus().getReason() == null ? ""
                    : ", " + pod.getStatus().getReason()) + ")" + exit(pod);
        }
        for (ContainerStatus status : statuses(pod)) {
            if (status.getState() != null && status.getState().getWaiting() != null
                    && FATAL_WAITING.contains(status.getState().getWaiting().getReason())) {
                String message = status.getState().getWaiting().getMessage();
                return "is in " + status.getState().getWaiting().getReason() + exit(pod)
                        + (message == null || message.isBlank() ? "" : " (" + message.lines().findFirst().orElse("") + ")");
            }
            if (status.getRestartCount() != null && status.getRestartCount() > 0) {
                return "restarted " + status.getRestartCount() + " time(s)" + exit(pod);
            }
        }
        return null;
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    /** " (Reason)" of the first waiting container, or "". */
    static String waitingReason(Pod pod) {
        return statuses(pod).stream().filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> " (" + s.getState().getWaiting().getReason() + ")").findFirst().orElse("");
    }

    /** ", exit code N" of the container's current or last termination, "out of memory" when it was OOMKilled. */
    private static String exit(Pod pod) {
        for (ContainerStatus status : statuses(pod)) {
            ContainerStateTerminated t = status.getState() != null && status.getState().getTerminated() != null
                    ? status.getState().getTerminated()
                    : status.getLastState() != null ? status.getLastState().getTerminated() : null;
            if (t != null) {
                return "OOMKilled".equals(t.getReason()) ? ", killed: out of memory (raise sttbench.kubernetes.memory)"
                        : ", exit code " + t.getExitCode();
            }
        }
        return "";
    }
}
