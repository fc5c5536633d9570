package org.sttbench.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Captures {@link HostEnvironment}: CPU model, limits and whether this runs in a container or a pod. */
public final class HostInspector {
    private final Path root;
    private final CpuLimitDetector cpuLimits;

    public HostInspector() {
        this(Path.of("/"), new CpuLimitDetector());
    }

    HostInspector(Path root, CpuLimitDetector cpuLimits) {
        this.root = root;
        this.cpuLimits = cpuLimits;
    }

    public HostEnvironment inspect() {
        CpuLimit cpu = cpuLimits.detect();
        return new HostEnvironment(
                System.getProperty("os.arch"),
                cpuModel(),
                cpu.hostCores(),
                cpu.cpus(),
                cpu.source(),
                cpu.derivation(),
                memoryLimitBytes().orElse(null),
                container(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                hostname());
    }

    String cpuModel() {
        for (String line : CgroupFiles.lines(root.resolve("proc/cpuinfo"))) {
            // x86 says "model name", some ARM kernels only "Hardware" or "CPU part"
            if (line.startsWith("model name") || line.startsWith("Hardware")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        if (System.getProperty("os.name", "").startsWith("Mac")) {
            return run("sysctl", "-n", "machdep.cpu.brand_string").orElse("unknown");
        }
        return "unknown";
    }

    Optional<Long> memoryLimitBytes() {
        CgroupFiles cgroups = CgroupFiles.discover(root);
        Optional<String> raw = cgroups.v2().flatMap(p -> CgroupFiles.read(p.resolve("memory.max")))
                .or(() -> cgroups.v1("memory").flatMap(p -> CgroupFiles.read(p.resolve("memory.limit_in_bytes"))));
        return raw.filter(s -> !s.equals("max"))
                .map(Long::parseLong)
                // cgroup v1 reports "unlimited" as a page-rounded Long.MAX_VALUE
                .filter(v -> v < (1L << 60));
    }

    String container() {
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            return "kubernetes";
        }
        if (Files.exists(root.resolve(".dockerenv"))) {
            return "docker";
        }
        String cgroup = String.join("\n", CgroupFiles.lines(root.resolve("proc/1/cgroup")));
        if (cgroup.contains("kubepods")) {
            return "kubernetes";
        }
        if (cgroup.contains("docker") || cgroup.contains("containerd") || System.getenv("container") != null) {
            return "container";
        }
        return "none";
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
