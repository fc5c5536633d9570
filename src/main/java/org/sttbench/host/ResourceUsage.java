package org.sttbench.host;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads what this process has used so far: CPU time (all threads, native ones included), peak
 * resident memory, and the cgroup's throttling counters. Two snapshots give the figures for the
 * stretch between them, which is how a worker shows its CPU limit held.
 */
public final class ResourceUsage {
    private final Path root;

    public ResourceUsage() {
        this(Path.of("/"));
    }

    ResourceUsage(Path root) {
        this.root = root;
    }

    /**
     * @param cpuNanos       process CPU time since start
     * @param wallNanos      System.nanoTime at the snapshot
     * @param nrPeriods      cgroup CFS periods elapsed, -1 when unknown
     * @param nrThrottled    periods in which the cgroup was throttled, -1 when unknown
     * @param throttledNanos total throttled time, -1 when unknown
     */
    public record Snapshot(long cpuNanos, long wallNanos, long nrPeriods, long nrThrottled, long throttledNanos) {
    }

    /**
     * @param cpuSeconds     CPU time used between the snapshots
     * @param wallSeconds    elapsed time between them
     * @param cpuPerWall     average CPUs in use: should not exceed the limit when the limit holds
     * @param throttledRatio share of CFS periods that were throttled, null when the cgroup does not say
     */
    public record Delta(double cpuSeconds, double wallSeconds, double cpuPerWall, Double throttledRatio,
                        Double throttledSeconds) {
    }

    public Snapshot snapshot() {
        long cpu = processCpuNanos();
        long wall = System.nanoTime();
        CgroupFiles cgroups = CgroupFiles.discover(root);
        Optional<Path> statFile = cgroups.v2().map(p -> p.resolve("cpu.stat"))
                .or(() -> cgroups.v1("cpu").map(p -> p.resolve("cpu.stat")));
        return withThrottling(cpu, wall, statFile.map(CgroupFiles::lines).orElse(List.of()));
    }

    /**
     * A snapshot of another process (a service under test): its CPU time, read by the caller, and the
     * throttling counters of the cgroup it runs in ({@code cpuStat}: that cgroup's cpu.stat, may be null).
     */
    public static Snapshot of(long cpuNanos, long wallNanos, Path cpuStat) {
        return withThrottling(cpuNanos, wallNanos, cpuStat == null ? List.of() : CgroupFiles.lines(cpuStat));
    }

    private static Snapshot withThrottling(long cpu, long wall, List<String> cpuStat) {
        long periods = -1;
        long throttled = -1;
        long throttledNanos = -1;
        for (String line : cpuStat) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length != 2) {
                continue;
            }
            switch (kv[0]) {
                case "nr_periods" -> periods = Long.parseLong(kv[1]);
                case "nr_throttled" -> throttled = Long.parseLong(kv[1]);
                case "throttled_time" -> throttledNanos = Long.parseLong(kv[1]);
                case "throttled_usec" -> throttledNanos = Long.parseLong(kv[1]) * 1000;
                default -> {
                }
            }
        }
        return new Snapshot(cpu, wall, periods, throttled, throttledNanos);
    }

    public static Delta between(Snapshot start, Snapshot end) {
        double cpu = (end.cpuNanos() - start.cpuNanos()) / 1e9;
        double wall = Math.max(1e-9, (end.wallNanos() - start.wallNanos()) / 1e9);
        Double ratio = null;
        Double throttledSeconds = null;
        if (start.nrPeriods() >= 0 && end.nrPeriods() > start.nrPeriods()) {
            ratio = (double) (end.nrThrottled() - start.nrThrottled()) / (end.nrPeriods() - start.nrPeriods());
        }
        if (start.throttledNanos() >= 0 && end.throttledNanos() >= 0) {
            throttledSeconds = (end.throttledNanos() - start.throttledNanos()) / 1e9;
        }
        return new Delta(cpu, wall, cpu / wall, ratio, throttledSeconds);
    }

    /** Peak resident set size of this process in MB (VmHWM), or null where /proc is absent. */
    public Double peakRssMb() {
        return CgroupFiles.lines(root.resolve("proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.replaceAll("[^0-9]", ""))
                .filter(s -> !s.isEmpty())
                .map(kb -> Long.parseLong(kb) / 1024.0)
                .findFirst()
                .orElse(null);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
