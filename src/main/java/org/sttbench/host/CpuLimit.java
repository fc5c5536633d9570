package org.sttbench.host;

/**
 * How much CPU this process may use, and where that figure came from.
 *
 * @param cpus       effective limit in CPUs (a quota of 150000/100000 gives 1.5)
 * @param hostCores  logical processors of the machine
 * @param source     what decided it: cgroup-v2-quota, cgroup-v1-quota, cpuset, affinity or host
 * @param derivation one line a person can check, e.g. "cgroup v1 quota 100000/100000 us = 1.00 CPU; cpuset 0-1 = 2"
 */
public record CpuLimit(double cpus, int hostCores, String source, String derivation) {

    /** True when something other than the machine's size bounds the process. */
    public boolean limited() {
        return !source.equals("host");
    }

    /**
     * whisper.cpp threads for this limit: one per whole CPU, at least one. Rounded up, because a
     * fractional quota still lets a thread run part of each period, and rounding down starves it.
     */
    public int recommendedThreads() {
        return Math.max(1, (int) Math.ceil(cpus - 1e-9));
    }
}
