package org.sttbench.bench;

/**
 * Where a unit ran in a cluster: the node and what kind of machine it is, so a speedup curve whose
 * units landed on different instance types is seen for what it is.
 *
 * @param node         the node's name (the pod's spec.nodeName)
 * @param instanceType the node's {@code node.kubernetes.io/instance-type} label; null when not labelled
 *                     or when the nodes could not be read
 * @param zone         the node's {@code topology.kubernetes.io/zone} label; null likewise
 * @param cpuModel     the CPU model the worker read inside the pod
 * @param attempts     1, or 2 when the first pod was evicted, preempted or lost its node and the unit ran again
 * @param retryReason  why the first attempt did not count; null when there was one attempt
 */
public record Placement(String node, String instanceType, String zone, String cpuModel, int attempts,
                        String retryReason) {

    public Placement withCpuModel(String model) {
        return new Placement(node, instanceType, zone, model, attempts, retryReason);
    }

    public Placement retried(String reason) {
        return new Placement(node, instanceType, zone, cpuModel, attempts + 1, reason);
    }
}
