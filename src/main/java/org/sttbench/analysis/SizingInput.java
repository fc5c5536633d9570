package org.sttbench.analysis;

/**
 * What capacity planning needs, all measured for one pod shape.
 *
 * @param targetRps         requests per second the deployment must sustain
 * @param slaP95Ms          p95 response time the deployment must keep (wait + service)
 * @param serviceMs         mean service time of one request, measured at {@code cpusPerPod} with
 *                          {@code slotsPerPod} requests running side by side
 * @param serviceP95Ms      measured p95 of the service time, if known; it replaces the exponential
 *                          service assumption in the SLA check (see {@link Sizing})
 * @param cpusPerPod        CPU limit of one pod
 * @param slotsPerPod       requests one pod serves at the same time (engine states / workers)
 * @param memoryPerPodMb    memory limit of one pod
 * @param utilizationTarget fraction of a pod's capacity to plan for (0.7 leaves 30% for bursts)
 */
public record SizingInput(double targetRps, double slaP95Ms, double serviceMs, Double serviceP95Ms, double cpusPerPod,
                          int slotsPerPod, double memoryPerPodMb, double utilizationTarget) {
    public static final double DEFAULT_UTILIZATION_TARGET = 0.7;

    /** Capacity of one pod at 100% busy: slots * 1000 / serviceMs. */
    public double rpsPerPod() {
        return slotsPerPod * 1000.0 / serviceMs;
    }

    public SizingInput withTargetRps(double rps) {
        return new SizingInput(rps, slaP95Ms, serviceMs, serviceP95Ms, cpusPerPod, slotsPerPod, memoryPerPodMb,
                utilizationTarget);
    }

    void validate() {
        Checks.nonNegative(targetRps, "target_rps");
        Checks.positive(slaP95Ms, "sla_p95_ms");
        Checks.positive(serviceMs, "service_ms");
        if (serviceP95Ms != null) {
            Checks.positive(serviceP95Ms, "service_p95_ms");
        }
        Checks.positive(cpusPerPod, "cpus_per_pod");
        if (slotsPerPod < 1) {
            throw new IllegalArgumentException("slots_per_pod must be >= 1, got " + slotsPerPod);
        }
        Checks.nonNegative(memoryPerPodMb, "memory_per_pod_mb");
        Checks.openFraction(utilizationTarget, "utilization_target");
    }
}
