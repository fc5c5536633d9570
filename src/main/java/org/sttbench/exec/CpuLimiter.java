package org.sttbench.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a child process under a CPU limit without Docker. Where this process may create a cgroup (root on
 * cgroup v1, or a delegated v2 subtree) the child runs under a CFS quota, which enforces fractions of a
 * CPU just as {@code docker --cpus} does; otherwise {@code taskset} pins it to whole cores; otherwise it
 * runs unlimited and says so.
 */
public final class CpuLimiter {
    private static final long PERIOD_US = 100_000;

    private final Path cgroupV1Cpu;
    private final Path cgroupV2;

    public CpuLimiter() {
        this(Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup"));
    }

    CpuLimiter(Path cgroupV1Cpu, Path cgroupV2) {
        this.cgroupV1Cpu = cgroupV1Cpu;
        this.cgroupV2 = cgroupV2;
    }

    /**
     * @param command the command to run limited (it is wrapped, not changed)
     * @param cleanup remove the cgroup when the child has ended
     * @param method  how the limit is enforced, for the result
     * @param cgroup  the cgroup folder the child runs in (its cpu.stat tells the throttling), null without one
     */
    public record Limited(List<String> command, Runnable cleanup, String method, Path cgroup) {
        public Limited(List<String> command, Runnable cleanup, String method) {
            this(command, cleanup, method, null);
        }
    }

    public Limited limit(List<String> command, Double cpus, String name) {
        if (cpus == null) {
            return new Limited(command, () -> { }, "none");
        }
        Optional<Limited> viaCgroup = cgroupV1(command, cpus, name).or(() -> cgroupV2(command, cpus, name));
        if (viaCgroup.isPresent()) {
            return viaCgroup.get();
        }
        if (Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"))) {
            int cores = (int) Math.max(1, Math.ceil(cpus));
            List<String> wrapped = new ArrayList<>(List.of("taskset", "-c", "0-" + (cores - 1)));
            wrapped.addAll(command);
            return new Limited(wrapped, () -> { }, "taskset " + cores + " core(s)"
                    + (cores != cpus ? " (fraction " + cpus + " rounded up: no cgroup available)" : ""));
        }
        return new Limited(command, () -> { }, "none (no cgroup or taskset available: limit NOT enforced)");
    }

    private Optional<Limited> cgroupV1(List<String> command, double cpus, String name) {
        if (!Files.isWritable(cgroupV1Cpu) || !Files.exists(cgroupV1Cpu.resolve("cpu.cfs_quota_us"))) {
            return Optional.empty();
        }
        Path group = cgroupV1Cpu.resolve("sttbench").resolve(safe(name));
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_US));
            Files.writeString(group.resolve("cpu.cfs_quota_us"), String.valueOf(Math.round(cpus * PERIOD_US)));
            return Optional.of(new Limited(enter(group.resolve("cgroup.procs"), command), () -> remove(group),
                    "cgroup v1 CFS quota " + Math.round(cpus * PERIOD_US) + "/" + PERIOD_US + " us", group));
        } catch (IOException | RuntimeException e) {
            remove(group);
            return Optional.empty();
        }
    }

    private Optional<Limited> cgroupV2(List<String> command, double cpus, String name) {
        if (!Files.exists(cgroupV2.resolve("cgroup.controllers")) || !Files.isWritable(cgroupV2)) {
            return Optional.empty();
        }
        Path parent = cgroupV2.resolve("sttbench");
        Path group = parent.resolve(safe(name));
        try {
            Files.createDirectories(group);
            Files.writeString(parent.resolve("cgroup.subtree_control"), "+cpu");
            Files.writeString(group.resolve("cpu.max"), Math.round(cpus * PERIOD_US) + " " + PERIOD_US);
            return Optional.of(new Limited(enter(group.resolve("cgroup.procs"), command), () -> remove(group),
                    "cgroup v2 cpu.max " + Math.round(cpus * PERIOD_US) + " " + PERIOD_US, group));
        } catch (IOException | RuntimeException e) {
            remove(group);
            return Optional.empty();
        }
    }

    /** The shell joins the cgroup itself before exec, so not one instruction of the child runs unlimited. */
    private static List<String> enter(Path procs, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "echo $$ > '" + procs + "' && exec \"$@\"", "sttbench-worker"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void remove(Path group) {
        try {
            if (Files.isDirectory(group)) {
                // cgroup folders hold pseudo files that cannot be deleted; rmdir the folder itself
                Files.delete(group);
            }
        } catch (IOException e) {
            // a process may linger a moment after exit; the empty group is harmless
        }
    }
}
