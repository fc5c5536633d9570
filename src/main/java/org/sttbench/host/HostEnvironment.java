package org.sttbench.host;

/**
 * The conditions a measurement was taken under; every result carries one so that numbers from a
 * laptop and a cluster node are never compared blind.
 *
 * @param architecture     os.arch as the JVM reports it (amd64, aarch64)
 * @param cpuModel         from /proc/cpuinfo, or sysctl on macOS
 * @param hostCores        logical CPUs of the machine
 * @param cpuLimit         effective CPU limit of this process
 * @param cpuLimitSource   what set it (cgroup-v1-quota, cgroup-v2-quota, cpuset, affinity, host)
 * @param cpuLimitDetail   how it was derived, one line
 * @param memoryLimitBytes cgroup memory limit, null when unlimited
 * @param container        docker, kubernetes, container or none
 * @param os               os.name and os.version
 * @param jvm              java.vm.name and java.version
 * @param hostname         where it ran
 */
public record HostEnvironment(
        String architecture,
        String cpuModel,
        int hostCores,
        double cpuLimit,
        String cpuLimitSource,
        String cpuLimitDetail,
        Long memoryLimitBytes,
        String container,
        String os,
        String jvm,
        String hostname) {

    /** Measured outside any container and with no CPU limit: numbers depend on whatever else ran. */
    public boolean unconstrained() {
        return "none".equals(container) && "host".equals(cpuLimitSource);
    }
}
