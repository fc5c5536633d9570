package org.sttbench.workers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sttbench.bench.WorkerProtocol;
import org.sttbench.exec.CpuLimiter;

/**
 * Replicas as child JVMs on this host, each under the CPU limit {@link CpuLimiter} can enforce here
 * (a cgroup quota, else taskset). On one machine replicas share its cores: beyond the core count the
 * figures show contention, which the report says.
 */
public final class LocalWorkerFleet implements WorkerFleet {
    private final Path model;
    private final double cpusPerWorker;
    private final Duration healthTimeout;
    private final CpuLimiter limiter = new CpuLimiter();
    private final List<Process> processes = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LocalWorkerFleet(Path model, double cpusPerWorker, Duration healthTimeout) {
        this.model = model;
        this.cpusPerWorker = cpusPerWorker;
        this.healthTimeout = healthTimeout;
    }

    @Override
    public List<String> start(int count) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dsttbench.log.level=warn", "-cp", System.getProperty("java.class.path"),
                    WorkerProtocol.ENTRY_CLASS, "serve", "--model", model.toString(), "--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--workers", "1",
                    "--threads", String.valueOf((int) Math.max(1, Math.ceil(cpusPerWorker)))));
            CpuLimiter.Limited limited = limiter.limit(command, cpusPerWorker, "serve-" + ProcessHandle.current().pid()
                    + "-" + port);
            cleanups.add(limited.cleanup());
            processes.add(new ProcessBuilder(limited.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            urls.add("http://127.0.0.1:" + port);
        }
        for (int i = 0; i < urls.size(); i++) {
            awaitHealthy(urls.get(i), processes.get(processes.size() - urls.size() + i));
        }
        return urls;
    }

    private void awaitHealthy(String url, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker " + url + " exited with code " + process.exitValue()
                        + " before it was healthy");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("worker " + url + " not healthy within " + healthTimeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        cleanups.forEach(Runnable::run);
        cleanups.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
