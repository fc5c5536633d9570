package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sttbench.exec.ExecutorUnavailableException;

/**
 * The nodes benchmark units may run on: a dedicated pool is usually labelled (nodeSelector), tainted so
 * that nothing else lands there (tolerations), and given a priority class so its units are not the first
 * to be preempted. All optional; empty means any node.
 *
 * @param nodeSelector      labels a node must carry
 * @param tolerations       taints the units tolerate
 * @param priorityClassName the units' priority class, blank for the cluster's default
 */
public record NodePool(Map<String, String> nodeSelector, List<Toleration> tolerations, String priorityClassName) {
    public static final NodePool ANY = new NodePool(Map.of(), List.of(), "");

    public NodePool {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        priorityClassName = priorityClassName == null ? "" : priorityClassName.strip();
    }

    /**
     * From configuration: the selector as {@code key=value,key=value}, the tolerations as taints are written
     * for {@code kubectl taint}: {@code key=value:Effect} or {@code key:Effect}, comma separated (an empty
     * effect tolerates every effect of that taint).
     */
    public static NodePool parse(String selector, String tolerations, String priorityClassName) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : items(selector)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ExecutorUnavailableException("sttbench.kubernetes.node-selector: '" + pair
                        + "' is not key=value");
            }
            labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        List<Toleration> tolerated = new ArrayList<>();
        for (String taint : items(tolerations)) {
            int colon = taint.lastIndexOf(':');
            String keyValue = colon < 0 ? taint : taint.substring(0, colon);
            String effect = colon < 0 ? "" : taint.substring(colon + 1).strip();
            if (keyValue.isBlank() || !List.of("", "NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
                throw new ExecutorUnavailableException("sttbench.kubernetes.tolerations: '" + taint
                        + "' is not key[=value][:NoSchedule|PreferNoSchedule|NoExecute]");
            }
            int eq = keyValue.indexOf('=');
            TolerationBuilder t = new TolerationBuilder().withKey(eq < 0 ? keyValue.strip() : keyValue.substring(0, eq).strip());
            if (eq < 0) {
                t.withOperator("Exists");
            } else {
                t.withOperator("Equal").withValue(keyValue.substring(eq + 1).strip());
            }
            if (!effect.isEmpty()) {
                t.withEffect(effect);
            }
            tolerated.add(t.build());
        }
        return new NodePool(labels, tolerated, priorityClassName);
    }

    private static List<String> items(String list) {
        return list == null ? List.of() : List.of(list.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** What a scheduler checks before anything else: the labels, the taints, and that the node takes pods. */
    public boolean admits(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (!nodeSelector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        return taints.stream().filter(t -> !"PreferNoSchedule".equals(t.getEffect())).allMatch(this::tolerates)
                && ready(node);
    }

    private boolean tolerates(Taint taint) {
        return tolerations.stream().anyMatch(t -> Objects.equals(t.getKey(), taint.getKey())
                && ("Exists".equals(t.getOperator()) || Objects.equals(t.getValue(), taint.getValue()))
                && (t.getEffect() == null || t.getEffect().equals(taint.getEffect())));
    }

    private static boolean ready(Node node) {
        // a node without reported conditions is taken as ready; one that reports Ready=False or Unknown is not
        return node.getStatus() == null || node.getStatus().getConditions() == null
                || node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .allMatch(c -> "True".equals(c.getStatus()));
    }

    /** For messages: "role=bench, tolerating dedicated=bench:NoSchedule", or "any node". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        nodeSelector.forEach((k, v) -> parts.add(k + "=" + v));
        for (Toleration t : tolerations) {
            parts.add("tolerating " + t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue())
                    + (t.getEffect() == null ? "" : ":" + t.getEffect()));
        }
        return parts.isEmpty() ? "any node" : String.join(", ", parts);
    }
}
