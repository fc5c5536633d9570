package org.sttbench.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out the effective CPU limit from every mechanism that can bound it: a cgroup v2 {@code cpu.max}
 * or v1 CFS quota, the cpuset, and the scheduler affinity; the smallest wins. whisper.cpp's own default
 * (min(4, hardware threads)) ignores all of these and oversubscribes a limited container badly.
 */
public final class CpuLimitDetector {
    private final Path root;
    private final int hostCores;

    public CpuLimitDetector() {
        this(Path.of("/"), Runtime.getRuntime().availableProcessors());
    }

    /** For tests: a fake {@code /proc} and {@code /sys} under root. */
    CpuLimitDetector(Path root, int hostCores) {
        this.root = root;
        this.hostCores = hostCores;
    }

    public CpuLimit detect() {
        CgroupFiles cgroups = CgroupFiles.discover(root);
        int cores = Math.max(hostCores, hostProcessors());
        double best = cores;
        String source = "host";
        List<String> notes = new ArrayList<>();
        notes.add("host " + cores + " logical CPUs");

        Optional<Quota> quota = cgroups.v2().flatMap(CpuLimitDetector::v2Quota)
                .or(() -> cgroups.v1("cpu").flatMap(CpuLimitDetector::v1Quota));
        if (quota.isPresent()) {
            Quota q = quota.get();
            notes.add(String.format("%s quota %d/%d us = %.2f CPU", q.kind, q.quotaUs, q.periodUs, q.cpus()));
            if (q.cpus() < best) {
                best = q.cpus();
                source = q.kind.replace(' ', '-') + "-quota";
            }
        }
        Optional<String> cpuset = cgroups.v2().flatMap(p -> CgroupFiles.read(p.resolve("cpuset.cpus.effective")))
                .or(() -> cgroups.v1("cpuset").flatMap(p -> CgroupFiles.read(p.resolve("cpuset.cpus"))))
                .filter(s -> !s.isBlank());
        if (cpuset.isPresent()) {
            int n = countCpuList(cpuset.get());
            notes.add("cpuset " + cpuset.get() + " = " + n);
            if (n > 0 && n < best) {
                best = n;
                source = "cpuset";
            }
        }
        Optional<String> affinity = CgroupFiles.lines(root.resolve("proc/self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst();
        if (affinity.isPresent()) {
            int n = countCpuList(affinity.get());
            notes.add("affinity " + affinity.get() + " = " + n);
            if (n > 0 && n < best) {
                best = n;
                source = "affinity";
            }
        }
        return new CpuLimit(best, cores, source, String.join("; ", notes));
    }

    private int hostProcessors() {
        // availableProcessors already follows quotas; the machine's size comes from the cpu list
        return CgroupFiles.read(root.resolve("sys/devices/system/cpu/online"))
                .map(CpuLimitDetector::countCpuList)
                .filter(n -> n > 0)
                .orElse(hostCores);
    }

    private record Quota(String kind, long quotaUs, long periodUs) {
        double cpus() {
            return (double) quotaUs / periodUs;
        }
    }

    private static Optional<Quota> v2Quota(Path group) {
        return CgroupFiles.read(group.resolve("cpu.max")).flatMap(text -> {
            String[] parts = text.split("\\s+");
            if (parts.length != 2 || parts[0].equals("max")) {
                return Optional.empty();
            }
            return Optional.of(new Quota("cgroup v2", Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        });
    }

    private static Optional<Quota> v1Quota(Path group) {
        Optional<Long> quota = CgroupFiles.read(group.resolve("cpu.cfs_quota_us")).map(Long::parseLong);
        Optional<Long> period = CgroupFiles.read(group.resolve("cpu.cfs_period_us")).map(Long::parseLong);
        if (quota.isEmpty() || period.isEmpty() || quota.get() <= 0 || period.get() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Quota("cgroup v1", quota.get(), period.get()));
    }

    /** Counts a Linux cpu list such as "0-3,8,10-11". */
    static int countCpuList(String list) {
        int count = 0;
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.trim().split("-");
            try {
                int first = Integer.parseInt(range[0].trim());
                int last = range.length == 1 ? first : Integer.parseInt(range[1].trim());
                count += last - first + 1;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return count;
    }
}
