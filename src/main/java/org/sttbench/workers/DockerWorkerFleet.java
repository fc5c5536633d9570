package org.sttbench.workers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.exec.docker.DockerClients;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.docker.DockerSettings;
import org.sttbench.host.ResourceUsage;

/**
 * Replicas as containers of the service's image (the worker image running {@code serve} by default), each
 * under its own NanoCPUs limit,
 * the memory limit of the docker executor and its user and cgroup parent, with the model bind-mounted
 * read-only. Each container publishes port 8000 on an ephemeral port of 127.0.0.1, which the load
 * generator reaches; every container started is stopped and removed on close, also after a failure.
 */
public final class DockerWorkerFleet implements WorkerFleet {
    private static final Logger LOG = LoggerFactory.getLogger(DockerWorkerFleet.class);
    /** Which kind of sttbench container this is: "worker" for a replica of the workers suite. */
    public static final String ROLE_LABEL = "org.sttbench.role";
    public static final String ROLE = "worker";
    /** One fleet's containers, so close finds them even if the engine created one whose id never came back. */
    public static final String FLEET_LABEL = "org.sttbench.fleet";
    static final int PORT = 8000;
    private static final String LOOPBACK = "127.0.0.1";
    private static final int STOP_TIMEOUT_S = 5;
    private static final int LOG_LINES = 5;

    private final DockerClient docker;
    private final DockerSettings settings;
    private final String image;
    private final String runId;
    private final Path model;
    private final double cpusPerWorker;
    private final Duration healthTimeout;
    private final String fleetId = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();
    private final CloseOnExit closeOnExit = new CloseOnExit("sttbench-fleet-" + fleetId, this::close);
    private final ServiceDefinition service;
    private final int threads;
    private final Readiness readiness;

    /**
     * @param docker        the engine; not closed by the fleet
     * @param image         the worker image reference
     * @param runId         put on every container as {@link DockerExecutor#RUN_LABEL}
     * @param model         the model file on this host
     * @param cpusPerWorker NanoCPUs of each replica, in CPUs
     * @param healthTimeout how long each replica may take to answer /health with 200
     */
    public DockerWorkerFleet(DockerClient docker, DockerSettings settings, String image, String runId, Path model,
                             double cpusPerWorker, Duration healthTimeout) {
        this(docker, settings, image, runId, model, cpusPerWorker, healthTimeout, ServiceDefinition.sttbenchServe(),
                ServiceInstances.threadsFor(cpusPerWorker), null);
    }

    /**
     * @param service   what each replica runs; its image, when set, replaces {@code image}
     * @param threads   the {threads} placeholder
     * @param readiness when a replica is ready; null: the service's health path
     */
    public DockerWorkerFleet(DockerClient docker, DockerSettings settings, String image, String runId, Path model,
                             double cpusPerWorker, Duration healthTimeout, ServiceDefinition service, int threads,
                             Readiness readiness) {
        this.service = service;
        this.threads = threads;
        this.readiness = readiness != null ? readiness : ServiceInstances.healthOf(service);
        this.docker = docker;
        this.settings = settings;
        this.image = service.image() != null ? service.image() : image;
        this.runId = runId;
        this.model = model.toAbsolutePath().normalize();
        this.cpusPerWorker = cpusPerWorker;
        this.healthTimeout = healthTimeout;
    }

    /** A fleet on the docker executor's engine, image and settings. */
    public static DockerWorkerFleet on(DockerExecutor executor, String runId, Path model, double cpusPerWorker,
                                       Duration healthTimeout) {
        return new DockerWorkerFleet(executor.client(), executor.settings(), executor.image(), runId, model,
                cpusPerWorker, healthTimeout);
    }

    /** A fleet of the plan's service on the docker executor's engine and settings. */
    public static DockerWorkerFleet on(DockerExecutor executor, String runId, Path model, double cpusPerWorker,
                                       int threads, Duration startupTimeout, ServiceDefinition service,
                                       Readiness readiness) {
        return new DockerWorkerFleet(executor.client(), executor.settings(), executor.image(), runId, model,
                cpusPerWorker, startupTimeout, service, threads, readiness);
    }

    @Override
    public List<String> start(int count) throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("replica count must be at least 1, was " + count);
        }
        requireLocalEngine();
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new ExecutorUnavailableException(DockerClients.unreachable(settings.host(), e));
        }
        closeOnExit.arm();
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = create(i);
                docker.startContainerCmd(id).exec();
                ids.add(id);
            }
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                urls.add(awaitHealthy(ids.get(i), i + 1, count));
            }
            return urls;
        } catch (ExecutorUnavailableException | IllegalStateException | InterruptedException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Docker engine error: " + DockerClients.rootMessage(e), e);
        }
    }

    private String create(int replica) {
        String modelInContainer = service.modelDir() + "/" + model.getFileName();
        ServiceDefinition.Resolved resolved = service.resolve(
                new ServiceDefinition.Instance(cpusPerWorker, threads, service.port(), modelInContainer));
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(model.toString(), new Volume(modelInContainer), AccessMode.ro))
                .withMemory(settings.memoryBytes())
                .withMemorySwap(settings.memoryBytes())
                .withNanoCPUs(Math.round(cpusPerWorker * 1e9))
                .withNetworkMode(network())
                // an ephemeral port on loopback only: the load generator is on this machine, nobody else needs it
                .withPortBindings(new PortBinding(Ports.Binding.bindIp(LOOPBACK), ExposedPort.tcp(service.port())));
        if (settings.cgroupParent() != null && !settings.cgroupParent().isBlank()) {
            host.withCgroupParent(settings.cgroupParent());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DockerExecutor.RUN_LABEL, runId);
        labels.put(ROLE_LABEL, ROLE);
        labels.put(FLEET_LABEL, fleetId);
        InstanceLabel.addTo(labels);
        String id;
        try {
            id = docker.createContainerCmd(image)
                    .withName(containerName(replica))
                    .withCmd(resolved.args())
                    .withEnv(resolved.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withExposedPorts(ExposedPort.tcp(service.port()))
                    .withLabels(labels)
                    .withUser(settings.containerUser())
                    .withHostConfig(host)
                    .exec()
                    .getId();
        } catch (NotFoundException e) {
            throw new ExecutorUnavailableException(service.embedded() ? DockerExecutor.missingImage(image)
                    : "service image " + image + " not found; images are not pulled: build or load it on this engine");
        }
        synchronized (containers) {
            containers.add(id);
        }
        return id;
    }

    /**
     * The docker executor's units run without a network ("none" by default: they only read mounted files).
     * A replica is reached over HTTP, which needs a network its port can be published from: the default
     * bridge, unless a network of the user's own (which can publish ports too) is configured. "host" is
     * replaced as well, since every replica would then try to bind the same port of the host.
     */
    private String network() {
        String configured = settings.network();
        if (configured == null || configured.isBlank() || configured.equals("none") || configured.equals("host")) {
            return "bridge";
        }
        return configured;
    }

    /** Published ports are on the engine's loopback: the engine has to be on this machine. */
    private void requireLocalEngine() {
        URI uri = URI.create(settings.host());
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
            return;
        }
        String h = uri.getHost();
        if (!(h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1"))) {
            throw new IllegalStateException("the workers suite publishes replica ports on 127.0.0.1 of the engine's "
                    + "host, so it needs a Docker engine on this machine; sttbench.docker.host is " + settings.host());
        }
    }

    private String containerName(int replica) {
        String base = ("sttbench-" + runId + "-worker-" + replica).replaceAll("[^A-Za-z0-9_.-]", "-");
        if (base.length() > 50) {
            base = base.substring(0, 50);
        }
        return base + "-" + fleetId;
    }

    /** Waits until the replica's published port answers /health with 200; returns its base URL. */
    private String awaitHealthy(String id, int replica, int count) throws InterruptedException {
        String name = (service.embedded() ? "worker" : service.name()) + " replica " + replica + "/" + count + " (container " + shortId(id) + ")";
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        String url = null;
        while (System.nanoTime() < deadline) {
            InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
            InspectContainerResponse.ContainerState state = inspected.getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                String oom = Boolean.TRUE.equals(state.getOOMKilled())
                        ? " (out of memory: container limit " + settings.memoryBytes() / (1024 * 1024)
                        + " MiB; raise sttbench.docker.memory-mb)" : "";
                throw new IllegalStateException(name + " exited with code " + state.getExitCodeLong()
                        + " before it was healthy" + oom + ": " + lastLogLines(id));
            }
            if (url == null) {
                String port = publishedPort(inspected, service.port());
                url = port == null ? null : "http://" + LOOPBACK + ":" + port;
            }
            if (url != null && readiness.ready(url)) {
                return url;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy within " + healthTimeout.toSeconds() + " s"
                + ServiceInstances.hint(service, "port " + service.port()) + ": "
                + lastLogLines(id));
    }

    private static String publishedPort(InspectContainerResponse inspected, int port) {
        if (inspected.getNetworkSettings() == null || inspected.getNetworkSettings().getPorts() == null) {
            return null;
        }
        Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
        if (bindings == null) {
            return null;
        }
        for (Ports.Binding binding : bindings) {
            if (binding.getHostPortSpec() != null && !binding.getHostPortSpec().isBlank()) {
                return binding.getHostPortSpec();
            }
        }
        return null;
    }

    /** The container's last log lines (its stderr when it wrote any) joined into one line, for a failure message. */
    String lastLogLines(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public synchronized void onNext(Frame frame) {
                            if (frame.getPayload() != null) {
                                (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(frame.getPayload());
                            }
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(log not readable: " + DockerClients.rootMessage(e) + ")";
        }
        String lines = reason(err.toString(StandardCharsets.UTF_8) + "\n" + out.toString(StandardCharsets.UTF_8));
        return lines.isEmpty() ? "(no output)" : lines;
    }

    /**
     * The command's own one-line reason ("serve: ...") when it printed one, else the last lines without
     * stack frames: a health probe cut off by the exit can make the server log a trace after the reason.
     */
    static String reason(String log) {
        List<String> lines = log.lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        List<String> reasons = lines.stream().filter(l -> l.startsWith("serve: ")).toList();
        if (!reasons.isEmpty()) {
            return reasons.get(reasons.size() - 1);
        }
        List<String> text = lines.stream()
                .filter(l -> !l.startsWith("at ") && !l.startsWith("... ") && !l.startsWith("Caused by")).toList();
        return String.join(" | ", text.subList(Math.max(0, text.size() - LOG_LINES), text.size()));
    }

    /** CPU time and CFS throttling of replica {@code index} so far, from the engine's stats API. */
    @Override
    public Optional<ResourceUsage.Snapshot> usage(int index) {
        String id;
        synchronized (containers) {
            if (index >= containers.size()) {
                return Optional.empty();
            }
            id = containers.get(index);
        }
        return DockerStats.snapshot(docker, id);
    }

    /** The last log lines of replica {@code index}, for a failure message. */
    @Override
    public String logTail(int index) {
        synchronized (containers) {
            return index < containers.size() ? lastLogLines(containers.get(index)) : "(no such replica)";
        }
    }

    @Override
    public void close() {
        Set<String> ids = new LinkedHashSet<>();
        synchronized (containers) {
            ids.addAll(containers);
            containers.clear();
        }
        try {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(FLEET_LABEL, fleetId)).exec()
                    .stream().map(Container::getId).forEach(ids::add);
        } catch (RuntimeException e) {
            // the engine does not answer: the ids known are all that can be tried
        }
        for (String id : ids) {
            try {
                docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_S).exec();
            } catch (NotModifiedException | NotFoundException e) {
                // already stopped, or gone
            } catch (RuntimeException e) {
                // removal below kills it
            }
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // gone already
            } catch (RuntimeException e) {
                LOG.warn("could not remove worker container {}: {}", shortId(id), DockerClients.rootMessage(e));
            }
        }
        closeOnExit.disarm();
    }


    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
