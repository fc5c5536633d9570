package org.sttbench.workers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.sttbench.bench.WorkerProtocol;
import org.sttbench.exec.CpuLimiter;
import org.sttbench.exec.ForeignProcesses;
import org.sttbench.exec.ParentWatch;
import org.sttbench.host.ResourceUsage;

/**
 * Replicas as child processes on this host, each under the CPU limit {@link CpuLimiter} can enforce here
 * (a cgroup quota, else taskset): this installation's {@code sttbench serve} in a child JVM by default, or
 * the service's own command. On one machine replicas share its cores: beyond the core count the figures
 * show contention, which the report says. Each child's output goes to a log file that failure messages
 * quote and close deletes.
 */
public final class LocalWorkerFleet implements WorkerFleet {
    private static final int LOG_LINES = 5;

    private final Path model;
    private final double cpusPerWorker;
    private final Duration healthTimeout;
    private final ServiceDefinition service;
    private final int threads;
    private final Readiness readiness;
    private final CpuLimiter limiter = new CpuLimiter();
    private final List<Replica> replicas = new ArrayList<>();

    private record Replica(Process process, CpuLimiter.Limited limited, Path log, String url) {
    }

    public LocalWorkerFleet(Path model, double cpusPerWorker, Duration healthTimeout) {
        this(model, cpusPerWorker, healthTimeout, ServiceDefinition.sttbenchServe(),
                ServiceInstances.threadsFor(cpusPerWorker), null);
    }

    /**
     * @param service   what each replica runs; its command, when set, replaces {@code sttbench serve}
     * @param threads   the {threads} placeholder
     * @param readiness when a replica is ready; null: the service's health path
     */
    public LocalWorkerFleet(Path model, double cpusPerWorker, Duration healthTimeout, ServiceDefinition service,
                            int threads, Readiness readiness) {
        this.model = model.toAbsolutePath();
        this.cpusPerWorker = cpusPerWorker;
        this.healthTimeout = healthTimeout;
        this.service = service;
        this.threads = threads;
        this.readiness = readiness != null ? readiness : ServiceInstances.healthOf(service);
    }

    @Override
    public List<String> start(int count) throws Exception {
        List<Replica> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                started.add(launch());
            }
            for (int i = 0; i < started.size(); i++) {
                awaitReady(started.get(i), i + 1, count);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        return started.stream().map(Replica::url).toList();
    }

    private Replica launch() throws IOException {
        int port = freePort();
        ServiceDefinition.Resolved resolved = service.resolve(
                new ServiceDefinition.Instance(cpusPerWorker, threads, port, model.toString()));
        List<String> command = new ArrayList<>();
        if (service.command() == null) {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dsttbench.log.level=warn", "-cp", System.getProperty("java.class.path"), WorkerProtocol.ENTRY_CLASS));
        } else {
            Path executable = Path.of(service.command());
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                throw new IllegalStateException("service command " + service.command()
                        + (Files.exists(executable) ? " is not executable" : " does not exist"));
            }
            command.add(executable.toAbsolutePath().toString());
        }
        command.addAll(resolved.args());
        CpuLimiter.Limited limited = limiter.limit(command, cpusPerWorker,
                "serve-" + ProcessHandle.current().pid() + "-" + port);
        Map<String, String> env = new HashMap<>(resolved.env());
        List<String> launched = limited.command();
        if (service.command() == null) {
            // an sttbench replica stops on its own when this process dies, even by SIGKILL
            ParentWatch.mark(env);
        } else {
            // a foreign binary cannot watch its parent: a wrapper does it for it, outside the CPU limit's
            // cgroup (the limiter enters it after the wrapper has forked its watcher)
            launched = ForeignProcesses.wrap(launched, env);
        }
        Path log = Files.createTempFile("sttbench-service-", ".log");
        ProcessBuilder builder = new ProcessBuilder(launched).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            limited.cleanup().run();
            Files.deleteIfExists(log);
            throw new IllegalStateException("cannot start " + service.name() + ": " + e.getMessage(), e);
        }
        Replica replica = new Replica(process, limited, log, "http://127.0.0.1:" + port);
        synchronized (replicas) {
            replicas.add(replica);
        }
        return replica;
    }

    private void awaitReady(Replica replica, int index, int count) throws InterruptedException {
        String name = (service.embedded() ? "worker" : service.name()) + " replica " + index + "/" + count;
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!replica.process().isAlive()) {
                throw new IllegalStateException(name + " (" + replica.url() + ") exited with code "
                        + replica.process().exitValue() + " before it was ready: " + tail(replica.log()));
            }
            if (readiness.ready(replica.url())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " (" + replica.url() + ") not ready within "
                + healthTimeout.toSeconds() + " s" + ServiceInstances.hint(service, "the port given as {port}") + ": "
                + tail(replica.log()));
    }

    /**
     * The child's CPU time (all its threads, from /proc through ProcessHandle; the CPU limiter's wrapper
     * execs it, so the pid is the service's) and its cgroup's throttling counters.
     */
    @Override
    public Optional<ResourceUsage.Snapshot> usage(int index) {
        Replica replica;
        synchronized (replicas) {
            if (index >= replicas.size()) {
                return Optional.empty();
            }
            replica = replicas.get(index);
        }
        long wall = System.nanoTime();
        Optional<Duration> cpu = replica.process().info().totalCpuDuration();
        Path group = replica.limited().cgroup();
        return cpu.map(d -> ResourceUsage.of(d.toNanos(), wall, group == null ? null : group.resolve("cpu.stat")));
    }

    @Override
    public String logTail(int index) {
        synchronized (replicas) {
            return index < replicas.size() ? tail(replicas.get(index).log()) : "(no such replica)";
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            String joined = String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
            return joined.isEmpty() ? "(no output)" : joined;
        } catch (IOException | RuntimeException e) {
            return "(log not readable)";
        }
    }

    @Override
    public void close() {
        List<Replica> all;
        synchronized (replicas) {
            all = new ArrayList<>(replicas);
            replicas.clear();
        }
        for (Replica r : all) {
            closeQuietly(r.process());                   // a foreign service's wrapper stops its process group
            r.process().destroy();
        }
        for (Replica r : all) {
            try {
                if (!r.process().waitFor(10, TimeUnit.SECONDS)) {
                    r.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.limited().cleanup().run();
            try {
                Files.deleteIfExists(r.log());
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already closed with the process
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
