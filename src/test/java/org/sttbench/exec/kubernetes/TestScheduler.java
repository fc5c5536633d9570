package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * What kube-scheduler does for the test kubelet's pods when the cluster has several nodes: a pod goes to
 * a node that matches its nodeSelector and node affinity, whose taints it tolerates, that has the CPU
 * its requests ask for left, and where no running pod matches its required pod anti-affinity (per
 * hostname, as the units' rule is). A pod that fits nowhere stays Pending with the PodScheduled=False
 * condition and the scheduler's kind of message, and is placed when a node frees up. Every placement
 * is recorded with the times its container ran, for tests to read overlap facts from.
 */
public final class TestScheduler {
    /** One pod's run on a node: when its container started and ended (end null while running). */
    public record PodRun(String pod, String node, Map<String, String> labels, Instant start, Instant end) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final List<Node> nodes;
    /** Pod name to its spec and labels, for pods placed and not yet ended. */
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    private final List<PodRun> runs = new CopyOnWriteArrayList<>();

    private record Placed(String node, PodSpec spec, Map<String, String> labels) {
    }

    TestScheduler(KubernetesClient client, String namespace, List<Node> nodes) {
        this.client = client;
        this.namespace = namespace;
        this.nodes = List.copyOf(nodes);
    }

    /** A node as a cloud provider labels it, with allocatable CPU. */
    public static Node node(String name, String instanceType, String zone, double cpus, Map<String, String> labels,
                            List<Taint> taints) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(JobSpecs.HOSTNAME, name);
        all.put("node.kubernetes.io/instance-type", instanceType);
        all.put("topology.kubernetes.io/zone", zone);
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(all).endMetadata()
                .withNewSpec().withTaints(taints).endSpec()
                .withNewStatus().addToAllocatable("cpu", new Quantity(String.valueOf(cpus)))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Every placement so far, in the order pods were placed. */
    public List<PodRun> runs() {
        return List.copyOf(runs);
    }

    /**
     * Blocks until the pod fits a node, then binds it there (spec.nodeName, PodScheduled=True).
     *
     * @param wanted false once the pod's Job is gone: stop trying
     * @return the node, or null when the pod is no longer wanted
     */
    String place(String pod, PodSpec spec, Map<String, String> labels, BooleanSupplier wanted) throws InterruptedException {
        String reported = null;
        while (wanted.getAsBoolean()) {
            String message;
            synchronized (this) {
                List<String> why = new ArrayList<>();
                for (Node node : nodes) {
                    String no = unfit(node, spec, labels);
                    if (no == null) {
                        String name = node.getMetadata().getName();
                        placed.put(pod, new Placed(name, spec, labels));
                        bind(pod, name);
                        return name;
                    }
                    why.add(no);
                }
                message = "0/" + nodes.size() + " nodes are available: " + summary(why) + ".";
            }
            if (!message.equals(reported)) {
                unschedulable(pod, message);
                reported = message;
            }
            synchronized (this) {
                wait(500);
            }
        }
        return null;
    }

    /** The pod's container started on its node. */
    void started(String pod) {
        Placed p;
        synchronized (this) {
            p = placed.get(pod);
        }
        if (p != null) {
            runs.add(new PodRun(pod, p.node(), p.labels(), Instant.now(), null));
        }
    }

    /** The pod ended (or was evicted): its node's room is free again. */
    void ended(String pod) {
        Instant now = Instant.now();
        for (int i = 0; i < runs.size(); i++) {
            PodRun r = runs.get(i);
            if (r.pod().equals(pod) && r.end() == null) {
                runs.set(i, new PodRun(r.pod(), r.node(), r.labels(), r.start(), now));
            }
        }
        synchronized (this) {
            placed.remove(pod);
            notifyAll();
        }
    }

    /** Why the pod cannot go to the node, in the scheduler's words; null when it can. */
    private String unfit(Node node, PodSpec spec, Map<String, String> labels) {
        String name = node.getMetadata().getName();
        Map<String, String> nodeLabels = node.getMetadata().getLabels();
        Map<String, String> selector = spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector();
        boolean affinityOk = selector.entrySet().stream().allMatch(e -> e.getValue().equals(nodeLabels.get(e.getKey())));
        if (spec.getAffinity() != null && spec.getAffinity().getNodeAffinity() != null) {
            for (var term : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms()) {
                for (NodeSelectorRequirement r : term.getMatchExpressions()) {
                    boolean in = r.getValues().contains(nodeLabels.get(r.getKey()));
                    affinityOk &= "In".equals(r.getOperator()) == in;
                }
            }
        }
        if (!affinityOk) {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        List<Toleration> tolerations = spec.getTolerations() == null ? List.of() : spec.getTolerations();
        for (Taint taint : node.getSpec().getTaints() == null ? List.<Taint>of() : node.getSpec().getTaints()) {
            boolean tolerated = tolerations.stream().anyMatch(t -> Objects.equals(t.getKey(), taint.getKey())
                    && ("Exists".equals(t.getOperator()) || Objects.equals(t.getValue(), taint.getValue()))
                    && (t.getEffect() == null || t.getEffect().equals(taint.getEffect())));
            if (!tolerated && !"PreferNoSchedule".equals(taint.getEffect())) {
                return "node(s) had untolerated taint {" + taint.getKey() + ": " + taint.getValue() + "}";
            }
        }
        List<Placed> here = placed.values().stream().filter(p -> p.node().equals(name)).toList();
        for (Placed other : here) {
            if (repels(spec, other.labels()) || repels(other.spec(), labels)) {
                return "node(s) didn't match pod anti-affinity rules";
            }
        }
        BigDecimal used = here.stream().map(p -> cpu(p.spec())).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal allocatable = Quantity.getAmountInBytes(node.getStatus().getAllocatable().get("cpu"));
        if (used.add(cpu(spec)).compareTo(allocatable) > 0) {
            return "Insufficient cpu";
        }
        return null;
    }

    /** A required anti-affinity term of spec (per hostname) that selects a pod with these labels. */
    private static boolean repels(PodSpec spec, Map<String, String> labels) {
        if (spec.getAffinity() == null || spec.getAffinity().getPodAntiAffinity() == null) {
            return false;
        }
        for (PodAffinityTerm term : spec.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) {
            Map<String, String> match = term.getLabelSelector().getMatchLabels();
            if (JobSpecs.HOSTNAME.equals(term.getTopologyKey())
                    && match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal cpu(PodSpec spec) {
        Quantity q = spec.getContainers().get(0).getResources().getRequests() == null ? null
                : spec.getContainers().get(0).getResources().getRequests().get("cpu");
        return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
    }

    /** "2 node(s) didn't match pod anti-affinity rules, 1 Insufficient cpu", as the scheduler counts them. */
    private static String summary(List<String> reasons) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        reasons.forEach(r -> counts.merge(r, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((r, n) -> parts.add(r.startsWith("node(s)") ? n + " " + r : n + " " + r));
        return String.join(", ", parts);
    }

    private void bind(String pod, String node) {
        client.pods().inNamespace(namespace).withName(pod).edit(p -> new PodBuilder(p).editSpec().withNodeName(node)
                .endSpec().build());
        client.pods().inNamespace(namespace).withName(pod).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withConditions().addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .endStatus().build());
    }

    private void unschedulable(String pod, String message) {
        client.pods().inNamespace(namespace).withName(pod).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withConditions().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage(message).endCondition().endStatus().build());
    }
}
