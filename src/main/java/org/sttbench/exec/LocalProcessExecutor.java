package org.sttbench.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sttbench.HaltPoint;
import org.sttbench.Json;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.bench.WorkerProtocol;
import org.sttbench.host.CpuLimitDetector;

/**
 * Runs each unit in a child JVM of the same installation, under the unit's CPU limit (see
 * {@link CpuLimiter}). A separate process per unit keeps measurements independent: a fresh heap, the
 * model loaded cold, and the limit applied to every whisper.cpp thread.
 */
public final class LocalProcessExecutor implements UnitExecutor {
    private final CpuLimiter limiter;
    private final Consumer<String> progress;
    private final List<String> jvmOptions;

    public LocalProcessExecutor(Consumer<String> progress) {
        this(new CpuLimiter(), progress, List.of());
    }

    public LocalProcessExecutor(CpuLimiter limiter, Consumer<String> progress, List<String> jvmOptions) {
        this.limiter = limiter;
        this.progress = progress;
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public double maxCpus() {
        return new CpuLimitDetector().detect().cpus();
    }

    @Override
    public void checkReady() {
        // a child JVM can always be started where this one runs
    }

    @Override
    public UnitResult execute(WorkUnit unit) {
        Path unitFile = null;
        CpuLimiter.Limited limited = null;
        try {
            unitFile = Files.createTempFile("sttbench-unit-", ".json");
            Files.writeString(unitFile, Json.json().writeValueAsString(unit));
            limited = limiter.limit(workerCommand(unitFile), unit.cpuLimit(), unit.runId() + "-" + unit.unitId());
            ProcessBuilder builder = new ProcessBuilder(limited.command());
            // the worker stops on its own when this process dies, even by SIGKILL
            ParentWatch.mark(builder.environment());
            Process process = builder.start();
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            Thread out = pump(process.getInputStream(), line -> stdout.append(line).append('\n'));
            Thread err = pump(process.getErrorStream(), line -> {
                stderr.append(line).append('\n');
                progress.accept(line);
            });
            boolean finished = process.waitFor(unit.timeoutS(), TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return UnitResult.failed(unit, name(), "timed out after " + unit.timeoutS() + " s");
            }
            out.join(5_000);
            err.join(5_000);
            String method = limited.method();
            return WorkerOutput.parse(stdout.toString())
                    .map(result -> annotate(result, method))
                    .orElseGet(() -> UnitResult.failed(unit, name(), "worker exited with code " + process.exitValue()
                            + ": " + WorkerOutput.lastLine(stderr.toString())));
        } catch (IOException e) {
            return UnitResult.failed(unit, name(), "cannot start worker: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UnitResult.failed(unit, name(), "interrupted");
        } finally {
            if (limited != null) {
                limited.cleanup().run();
            }
            if (unitFile != null) {
                unitFile.toFile().delete();
            }
        }
    }

    private UnitResult annotate(UnitResult result, String method) {
        String derivation = result.threadDerivation() == null ? null
                : result.threadDerivation() + " [limit via " + method + "]";
        return new UnitResult(result.unit(), result.status(), result.error(), name(), result.environment(),
                result.whisperSystemInfo(), result.model(), result.threads(), derivation, result.loadMs(),
                result.measurements(), result.usage(), result.peakRssMb());
    }

    private List<String> workerCommand(Path unitFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dsttbench.log.level=" + System.getProperty("sttbench.log.level", "warn"));
        for (String key : List.of(HaltPoint.AT, HaltPoint.MARKER)) {
            // crash tests stop the worker at a named point; unset in every real run
            if (System.getProperty(key) != null) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerProtocol.ENTRY_CLASS);
        command.add(WorkerProtocol.COMMAND);
        command.add("--unit");
        command.add(unitFile.toString());
        return command;
    }

    private static Thread pump(InputStream stream, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }, "sttbench-worker-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
