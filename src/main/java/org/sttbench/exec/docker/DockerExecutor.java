package org.sttbench.exec.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sttbench.Json;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.bench.WorkerProtocol;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.UnitMounts;
import org.sttbench.exec.WorkerOutput;

/**
 * Runs each unit in a fresh container of the worker image, with the unit's CPU limit as NanoCPUs (what
 * {@code docker run --cpus} sets), a memory limit, and the model and clips bind-mounted read-only.
 *
 * <p>Talks to the engine through docker-java's {@link DockerClient} directly rather than camel-docker:
 * the component can set a CPU limit only by replacing the whole HostConfig through a header, drops the
 * log frames of {@code containerlog} (the result is in them), and only logs asynchronous errors; each
 * of those would lose a unit's result or its failure reason.
 */
public final class DockerExecutor implements UnitExecutor, AutoCloseable {
    public static final String NAME = "docker";
    public static final String RUN_LABEL = "org.sttbench.run";
    public static final String UNIT_LABEL = "org.sttbench.unit";
    private static final int LOG_DRAIN_S = 15;

    private final DockerSettings settings;
    private final Consumer<String> progress;
    private DockerClient client;
    private Double engineCpus;
    private String image;

    public DockerExecutor(DockerSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public String name() {
        return NAME;
    }

    private synchronized DockerClient docker() {
        if (client == null) {
            client = DockerClients.open(settings.host());
        }
        return client;
    }

    /** The engine client this executor opened (opened on first use, closed with the executor). */
    public DockerClient client() {
        return docker();
    }

    public DockerSettings settings() {
        return settings;
    }

    public synchronized String image() {
        if (image == null) {
            image = settings.image().get();
        }
        return image;
    }

    /** The engine's CPUs; the host's when the engine does not answer (checkReady reports that). */
    @Override
    public synchronized double maxCpus() {
        if (engineCpus == null) {
            try {
                Integer cpus = docker().infoCmd().exec().getNCPU();
                engineCpus = cpus == null ? (double) Runtime.getRuntime().availableProcessors() : cpus.doubleValue();
            } catch (RuntimeException e) {
                return Runtime.getRuntime().availableProcessors();
            }
        }
        return engineCpus;
    }

    @Override
    public void checkReady() {
        try {
            docker().pingCmd().exec();
        } catch (ExecutorUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExecutorUnavailableException(DockerClients.unreachable(settings.host(), e));
        }
        String reference = image();
        try {
            docker().inspectImageCmd(reference).exec();
        } catch (NotFoundException e) {
            throw new ExecutorUnavailableException(missingImage(reference));
        } catch (RuntimeException e) {
            throw new ExecutorUnavailableException(DockerClients.unreachable(settings.host(), e));
        }
    }

    public static String missingImage(String reference) {
        return "worker image " + reference + " not found; build it with: ./sttbench image build";
    }

    @Override
    public UnitResult execute(WorkUnit unit) {
        UnitMounts mounts = UnitMounts.of(unit);
        String name = containerName(unit);
        String id = null;
        LogCollector logs = null;
        try {
            String unitJson = Json.json().writeValueAsString(mounts.unit());
            try {
                id = docker().createContainerCmd(image())
                        .withName(name)
                        .withHostName(name)
                        .withCmd(WorkerProtocol.COMMAND)
                        .withEnv("STTBENCH_UNIT=" + unitJson)
                        .withLabels(labels(unit))
                        .withUser(settings.containerUser())
                        .withHostConfig(hostConfig(unit, mounts, name))
                        .exec()
                        .getId();
            } catch (NotFoundException e) {
                return UnitResult.failed(unit, NAME, missingImage(image()));
            }
            docker().startContainerCmd(id).exec();
            logs = docker().logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(new LogCollector(progress));
            ExitWait wait = docker().waitContainerCmd(id).exec(new ExitWait());
            try {
                if (!wait.await(unit.timeoutS())) {
                    // kill first: closing the wait or log stream of a live container blocks until it ends
                    kill(id);
                    return UnitResult.failed(unit, NAME, "timed out after " + unit.timeoutS() + " s (container killed)");
                }
            } finally {
                closeQuietly(wait);
            }
            logs.await(LOG_DRAIN_S);
            InspectContainerResponse.ContainerState state = docker().inspectContainerCmd(id).exec().getState();
            Long exit = state.getExitCodeLong();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                return UnitResult.failed(unit, NAME, "killed: out of memory (container limit "
                        + settings.memoryBytes() / (1024 * 1024) + " MiB; raise sttbench.docker.memory-mb)");
            }
            String stdout = logs.stdout();
            String stderr = logs.stderr();
            String limit = limitDescription(unit);
            return WorkerOutput.parse(stdout)
                    .map(result -> annotate(result.withUnit(unit).withExecutor(NAME), limit))
                    .orElseGet(() -> UnitResult.failed(unit, NAME, "worker exited with code " + exit + ": "
                            + WorkerOutput.lastLine(stderr.isBlank() ? stdout : stderr)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UnitResult.failed(unit, NAME, "interrupted");
        } catch (IOException | RuntimeException e) {
            return UnitResult.failed(unit, NAME, "Docker engine error: " + DockerClients.rootMessage(e));
        } finally {
            if (logs != null) {
                closeQuietly(logs);
            }
            if (id != null) {
                remove(id);
            }
        }
    }

    private HostConfig hostConfig(WorkUnit unit, UnitMounts mounts, String hostname) {
        List<Bind> binds = mounts.binds().stream()
                .map(b -> new Bind(b.host().toString(), new Volume(b.container()), AccessMode.ro))
                .toList();
        HostConfig config = HostConfig.newHostConfig()
                .withBinds(binds)
                .withMemory(settings.memoryBytes())
                .withMemorySwap(settings.memoryBytes())
                .withNetworkMode(settings.network())
                // without a network the container's own name is in no hosts file; the worker looks it up
                .withExtraHosts(hostname + ":127.0.0.1");
        if (unit.cpuLimit() != null) {
            config.withNanoCPUs(Math.round(unit.cpuLimit() * 1e9));
        }
        if (settings.cgroupParent() != null && !settings.cgroupParent().isBlank()) {
            config.withCgroupParent(settings.cgroupParent());
        }
        return config;
    }

    private static Map<String, String> labels(WorkUnit unit) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN_LABEL, unit.runId());
        labels.put(UNIT_LABEL, unit.unitId());
        InstanceLabel.addTo(labels);
        return labels;
    }

    static String containerName(WorkUnit unit) {
        String base = ("sttbench-" + unit.runId() + "-" + unit.index()).replaceAll("[^A-Za-z0-9_.-]", "-");
        if (base.length() > 50) {
            base = base.substring(0, 50);
        }
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String limitDescription(WorkUnit unit) {
        return unit.cpuLimit() == null ? "docker, no CPU limit"
                : "docker NanoCPUs " + Math.round(unit.cpuLimit() * 1e9);
    }

    private static UnitResult annotate(UnitResult result, String method) {
        String derivation = result.threadDerivation() == null ? null
                : result.threadDerivation() + " [limit via " + method + "]";
        return new UnitResult(result.unit(), result.status(), result.error(), result.executor(), result.environment(),
                result.whisperSystemInfo(), result.model(), result.threads(), derivation, result.loadMs(),
                result.measurements(), result.usage(), result.peakRssMb());
    }

    private void kill(String id) {
        try {
            docker().killContainerCmd(id).exec();
        } catch (RuntimeException e) {
            // it may have ended on its own meanwhile; removal follows anyway
        }
    }

    private void remove(String id) {
        try {
            docker().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            progress.accept("could not remove container " + id.substring(0, Math.min(12, id.length())) + ": "
                    + DockerClients.rootMessage(e));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }

    /**
     * A callback that can be waited for without docker-java's awaitCompletion(timeout), which closes the
     * stream on timeout and so blocks, draining it, until the container ends.
     */
    abstract static class Latched<T> extends ResultCallback.Adapter<T> {
        private final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onComplete() {
            done.countDown();
            super.onComplete();
        }

        @Override
        public void onError(Throwable error) {
            done.countDown();
            super.onError(error);
        }

        boolean await(long seconds) throws InterruptedException {
            return done.await(seconds, TimeUnit.SECONDS);
        }
    }

    static final class ExitWait extends Latched<WaitResponse> {
        @Override
        public void onNext(WaitResponse response) {
            // the exit code is read from the container's state afterwards, with the OOM flag
        }
    }

    /**
     * Keeps stdout and stderr apart (the result is on stdout) and passes stderr on line by line as
     * progress while the container runs.
     */
    static final class LogCollector extends Latched<Frame> {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Consumer<String> progress;

        LogCollector(Consumer<String> progress) {
            this.progress = progress;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            if (frame.getStreamType() == StreamType.STDERR) {
                err.writeBytes(payload);
                for (byte b : payload) {
                    if (b == '\n') {
                        progress.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            } else {
                out.writeBytes(payload);
            }
        }

        synchronized String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
