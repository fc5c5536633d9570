package org.sttbench.exec.kubernetes;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a cluster does for a Job, enough for the executor to be tested end to end against the fabric8
 * mock API server: it watches Jobs, creates each one's pod, runs the pod's container in the real Docker
 * engine (limits.cpu as NanoCPUs, limits.memory, the pod's env, claims bound to host folders), kills it
 * at the Job's deadline, serves its log at the pod log endpoint, and sets pod and Job status. For a
 * Deployment it runs its replicas as long-lived containers until the Deployment is deleted; a replica
 * whose container exits is reported in CrashLoopBackOff with its exit code, its log served like a Job pod's.
 */
public final class TestKubelet implements AutoCloseable {
    /** On the Docker containers of a Deployment's pods: the Deployment's name. */
    public static final String DEPLOYMENT_LABEL = "org.sttbench.test.deployment";
    private static final int MAX_TAIL = 50;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Path> claims;
    private final DockerClient docker;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<Throwable> errors = new ArrayList<>();
    private Watch watch;
    private Watch deploymentWatch;
    /** Deployment name to the Docker containers of its pods. */
    private final Map<String, List<String>> deploymentContainers = new ConcurrentHashMap<>();
    /** Pod name to the 127.0.0.1 port its container port is published on. */
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String lastCrash;
    /** Several nodes: pods wait for one that fits them; null for the one-node cluster where pods run at once. */
    private TestScheduler scheduler;
    private final Set<String> deletedJobs = ConcurrentHashMap.newKeySet();
    private final Set<String> evictions = ConcurrentHashMap.newKeySet();

    /** @param claims PersistentVolumeClaim name to the host folder that plays its volume */
    public TestKubelet(KubernetesMockServer server, KubernetesClient client, String namespace, Map<String, Path> claims,
                DockerClient docker) {
        this.server = server;
        this.client = client;
        this.namespace = namespace;
        this.claims = claims;
        this.docker = docker;
    }

    /**
     * A cluster of these nodes (created in the API server) instead of one: each Job's pod is placed by a
     * {@link TestScheduler} and runs in Docker only once it has a node.
     */
    public TestKubelet withNodes(List<io.fabric8.kubernetes.api.model.Node> nodes) {
        for (var node : nodes) {
            client.nodes().resource(node).create();
        }
        scheduler = new TestScheduler(client, namespace, nodes);
        return this;
    }

    /** The scheduler of a {@link #withNodes} cluster, with its record of where and when pods ran. */
    public TestScheduler scheduler() {
        return scheduler;
    }

    /** Evicts a running pod as the kubelet does under node pressure: its container is killed, the pod Failed/Evicted. */
    public void evict(String podName) {
        evictions.add(podName);
    }

    public TestKubelet start() {
        watch = client.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED && seen.add(job.getMetadata().getName())) {
                    pool.submit(() -> run(job));
                } else if (action == Action.DELETED) {
                    // garbage collection of the Job's pod: the kubelet stops its container
                    deletedJobs.add(job.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        deploymentWatch = client.apps().deployments().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                String name = deployment.getMetadata().getName();
                if (action == Action.ADDED && seen.add("deployment/" + name)) {
                    pool.submit(() -> runDeployment(deployment));
                } else if (action == Action.DELETED) {
                    pool.submit(() -> removeDeployment(deployment));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        return this;
    }

    /**
     * Where the test reaches a replica pod of a Deployment: its container port published on 127.0.0.1,
     * as {@link org.sttbench.exec.kubernetes.PodAddresses} wants it.
     */
    public String address(Pod pod, int port) {
        Integer hostPort = published.get(pod.getMetadata().getName());
        if (hostPort == null) {
            throw new IllegalStateException("pod " + pod.getMetadata().getName() + " is not run by the test kubelet");
        }
        return "http://127.0.0.1:" + hostPort;
    }

    /** Docker containers of Deployment pods still present. */
    public List<String> deploymentContainers() {
        return deploymentContainers.values().stream().flatMap(List::stream).toList();
    }

    /**
     * What the Deployment and ReplicaSet controllers, the scheduler and the kubelet do, in short: one pod
     * per replica, its container run in Docker (limits.cpu as NanoCPUs, limits.memory, runAsUser, claims
     * bound to host folders) with its container port published on 127.0.0.1, marked Running and Ready with
     * a pod IP once the readinessProbe's path answers 200.
     */
    private void runDeployment(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        List<String> ids = new CopyOnWriteArrayList<>();
        deploymentContainers.put(name, ids);
        List<Future<?>> replicas = new ArrayList<>();
        for (int i = 0; i < deployment.getSpec().getReplicas(); i++) {
            int replica = i;
            replicas.add(pool.submit(() -> {
                runReplica(deployment, replica, ids);
                return null;
            }));
        }
        for (var r : replicas) {
            try {
                r.get();
            } catch (Exception e) {
                synchronized (errors) {
                    errors.add(e.getCause() == null ? e : e.getCause());
                }
            }
        }
    }

    private void runReplica(Deployment deployment, int replica, List<String> ids) throws Exception {
        String name = deployment.getMetadata().getName();
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        Container container = spec.getContainers().get(0);
        String podName = name + "-" + UUID.randomUUID().toString().substring(0, 5);
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(namespace)
                .addToLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .withCreationTimestamp(Instant.now().toString())
                .endMetadata()
                .withSpec(spec)
                .withNewStatus().withPhase("Pending").endStatus()
                .build()).create();
        int port = container.getPorts().get(0).getContainerPort();
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("bridge")
                .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port)));
        Map<String, Quantity> limits = container.getResources().getLimits();
        if (limits.containsKey("cpu")) {
            host.withNanoCPUs(Quantity.getAmountInBytes(limits.get("cpu")).movePointRight(9).longValue());
        }
        if (limits.containsKey("memory")) {
            host.withMemory(Quantity.getAmountInBytes(limits.get("memory")).longValue());
        }
        host.withBinds(binds(spec, container));
        var create = docker.createContainerCmd(container.getImage()).withHostName(podName)
                .withCmd(container.getArgs()).withExposedPorts(ExposedPort.tcp(port)).withHostConfig(host);
        if (container.getEnv() != null && !container.getEnv().isEmpty()) {
            create.withEnv(container.getEnv().stream().map(e -> e.getName() + "=" + e.getValue()).toList());
        }
        if (spec.getSecurityContext() != null && spec.getSecurityContext().getRunAsUser() != null) {
            create.withUser(spec.getSecurityContext().getRunAsUser() + ":" + spec.getSecurityContext().getRunAsGroup());
        }
        create.withLabels(Map.of(DEPLOYMENT_LABEL, name));
        String id = create.exec().getId();
        ids.add(id);
        docker.startContainerCmd(id).exec();
        InspectContainerResponse started = docker.inspectContainerCmd(id).exec();
        Ports ports = started.getNetworkSettings().getPorts();
        Ports.Binding[] bindings = ports == null ? null : ports.getBindings().get(ExposedPort.tcp(port));
        if (!Boolean.TRUE.equals(started.getState().getRunning()) || bindings == null || bindings.length == 0) {
            crashed(podName, container.getName(), id, replica);   // exited before its port was even published
            return;
        }
        int hostPort = Integer.parseInt(bindings[0].getHostPortSpec());
        published.put(podName, hostPort);
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withPhase("Running").withPodIP(podIp(replica)).withStartTime(Instant.now().toString())
                .endStatus().build());
        // a tcpSocket probe is answered by any HTTP status: the port listens
        boolean tcp = container.getReadinessProbe().getHttpGet() == null;
        String path = tcp ? "/" : container.getReadinessProbe().getHttpGet().getPath();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
                crashed(podName, container.getName(), id, replica);
                return;
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || tcp) {
                    String now = Instant.now().toString();
                    client.pods().inNamespace(namespace).withName(podName).editStatus(p -> new PodBuilder(p)
                            .editOrNewStatus().addNewCondition().withType("Ready").withStatus("True")
                            .withLastTransitionTime(now).endCondition()
                            .withContainerStatuses().addNewContainerStatus().withName(container.getName()).withReady(true)
                            .withRestartCount(0).withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                            .endContainerStatus().endStatus().build());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
    }

    private static String podIp(int replica) {
        return "10.244.0." + (10 + replica);
    }

    /**
     * A replica's container that exited: what a kubelet reports while it backs off restarting it (the pod
     * Running, its container waiting in CrashLoopBackOff with the exit code as its last termination), and
     * the container's output served at the pod log endpoint before the status says so.
     */
    private void crashed(String podName, String containerName, String id, int replica) throws InterruptedException {
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        int exit = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
        String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "OOMKilled" : exit == 0 ? "Completed" : "Error";
        serveLog(podName, containerName, containerLog(id));
        lastCrash = podName;
        String now = Instant.now().toString();
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withPhase("Running").withPodIP(podIp(replica)).withStartTime(now)
                .withContainerStatuses().addNewContainerStatus().withName(containerName).withReady(false)
                .withRestartCount(1)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 10s restarting failed container=" + containerName + " pod=" + podName + "_"
                        + namespace)
                .endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(exit).withReason(reason).withFinishedAt(now)
                .endTerminated().endLastState()
                .endContainerStatus().endStatus().build());
    }

    private String containerLog(String id) throws InterruptedException {
        StringBuilder log = new StringBuilder();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return log.toString();
    }

    /**
     * The mock API server keeps pods but has no log endpoint, and matches a request's path and query
     * exactly: a pod's log is served as the kubelet would, whole and as its last 1 to {@value #MAX_TAIL} lines.
     */
    private void serveLog(String podName, String containerName, String log) {
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + podName + "/log?pretty=false&container="
                + containerName;
        server.expect().get().withPath(path).andReturn(200, log).always();
        List<String> lines = log.lines().toList();
        for (int n = 1; n <= MAX_TAIL; n++) {
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()))
                    + (lines.isEmpty() ? "" : "\n");
            server.expect().get().withPath(path + "&tailLines=" + n).andReturn(200, tail).always();
        }
    }

    /** The Deployment pod whose container exited last, or null. */
    public String lastCrash() {
        return lastCrash;
    }

    /** Docker containers of Deployment pods, present or not, by the label the kubelet puts on them. */
    public List<String> dockerContainersOf(String deployment) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DEPLOYMENT_LABEL, deployment)).exec().stream()
                .map(com.github.dockerjava.api.model.Container::getId).toList();
    }

    private List<Bind> binds(PodSpec spec, Container container) {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            String claim = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow().getPersistentVolumeClaim().getClaimName();
            binds.add(new Bind(claims.get(claim).toString(), new Volume(mount.getMountPath()), AccessMode.ro));
        }
        return binds;
    }

    /** Garbage collection of a deleted Deployment's pods: containers removed, pod objects deleted. */
    private void removeDeployment(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        try {
            List<String> ids = deploymentContainers.remove(name);
            for (String id : ids == null ? List.<String>of() : ids) {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            for (Pod pod : client.pods().inNamespace(namespace).withLabels(selector).list().getItems()) {
                published.remove(pod.getMetadata().getName());
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            }
        } catch (Throwable e) {
            synchronized (errors) {
                errors.add(e);
            }
        }
    }

    public List<Throwable> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private void run(Job job) {
        String jobName = job.getMetadata().getName();
        try {
            PodSpec spec = job.getSpec().getTemplate().getSpec();
            Container container = spec.getContainers().get(0);
            String podName = jobName + "-" + UUID.randomUUID().toString().substring(0, 5);
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(podName).withNamespace(namespace)
                    .addToLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels("job-name", jobName).addToLabels("batch.kubernetes.io/job-name", jobName)
                    .withCreationTimestamp(Instant.now().toString())
                    .endMetadata()
                    .withSpec(spec)
                    .withNewStatus().withPhase("Pending").endStatus()
                    .build()).create();
            client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(j -> new JobBuilder(j)
                    .editOrNewStatus().withActive(1).withStartTime(Instant.now().toString()).endStatus().build());
            if (scheduler != null && scheduler.place(podName, spec, job.getSpec().getTemplate().getMetadata().getLabels(),
                    () -> !deletedJobs.contains(jobName)) == null) {
                return;
            }

            List<String> env = new ArrayList<>();
            for (EnvVar var : container.getEnv()) {
                env.add(var.getName() + "=" + var.getValue());
            }
            // what a real kubelet puts in every pod, and how the worker knows it runs in one
            env.add("KUBERNETES_SERVICE_HOST=10.96.0.1");
            env.add("KUBERNETES_SERVICE_PORT=443");
            HostConfig host = HostConfig.newHostConfig().withNetworkMode("none").withExtraHosts(podName + ":127.0.0.1");
            Map<String, Quantity> limits = container.getResources().getLimits();
            if (limits.containsKey("cpu")) {
                host.withNanoCPUs(Quantity.getAmountInBytes(limits.get("cpu")).movePointRight(9).longValue());
            }
            if (limits.containsKey("memory")) {
                host.withMemory(Quantity.getAmountInBytes(limits.get("memory")).longValue());
            }
            List<Bind> binds = new ArrayList<>();
            for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
                String claim = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                        .orElseThrow().getPersistentVolumeClaim().getClaimName();
                binds.add(new Bind(claims.get(claim).toString(), new Volume(mount.getMountPath()), AccessMode.ro));
            }
            host.withBinds(binds);
            String id = docker.createContainerCmd(container.getImage()).withHostName(podName).withEnv(env)
                    .withCmd(container.getArgs()).withHostConfig(host).exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                if (scheduler != null) {
                    scheduler.started(podName);
                }
                setPod(podName, "Running", null, null);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(job.getSpec().getActiveDeadlineSeconds());
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
                while (Boolean.TRUE.equals(state.getRunning()) && System.nanoTime() < deadline
                        && !evictions.contains(podName) && !deletedJobs.contains(jobName)) {
                    Thread.sleep(200);
                    state = docker.inspectContainerCmd(id).exec().getState();
                }
                boolean evicted = evictions.contains(podName);
                boolean expired = !evicted && Boolean.TRUE.equals(state.getRunning()) && !deletedJobs.contains(jobName);
                if (Boolean.TRUE.equals(state.getRunning())) {
                    docker.killContainerCmd(id).exec();
                    state = docker.inspectContainerCmd(id).exec().getState();
                }
                if (scheduler != null) {
                    scheduler.ended(podName);
                }
                serveLog(podName, container.getName(), containerLog(id));
                if (evicted) {
                    setEvicted(podName);
                    finishJob(jobName, false, false);
                    return;
                }
                int exit = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
                String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "OOMKilled" : exit == 0 ? "Completed" : "Error";
                setPod(podName, exit == 0 && !expired ? "Succeeded" : "Failed", exit, reason);
                finishJob(jobName, exit == 0 && !expired, expired);
            } finally {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
        } catch (Throwable e) {
            synchronized (errors) {
                errors.add(e);
            }
        }
    }

    private void setEvicted(String podName) {
        String now = Instant.now().toString();
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withPhase("Failed").withReason("Evicted").withMessage("The node was low on resource: memory. ")
                .addNewCondition().withType("DisruptionTarget").withStatus("True").withReason("TerminationByKubelet")
                .withLastTransitionTime(now).endCondition().endStatus().build());
    }

    private void setPod(String podName, String phase, Integer exit, String reason) {
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> {
            PodBuilder b = new PodBuilder(p);
            var status = b.editOrNewStatus().withPhase(phase);
            if (exit != null) {
                status.withContainerStatuses().addNewContainerStatus().withName(JobSpecs.CONTAINER)
                        .withNewState().withNewTerminated().withExitCode(exit).withReason(reason).endTerminated()
                        .endState().endContainerStatus();
            }
            return status.endStatus().build();
        });
    }

    private void finishJob(String jobName, boolean ok, boolean expired) {
        String now = Instant.now().toString();
        client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(j -> {
            var status = new JobBuilder(j).editOrNewStatus().withActive(0);
            if (ok) {
                status.withSucceeded(1).withCompletionTime(now)
                        .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime(now).endCondition();
            } else {
                status.withFailed(1).addNewCondition().withType("Failed").withStatus("True").withLastTransitionTime(now)
                        .withReason(expired ? "DeadlineExceeded" : "BackoffLimitExceeded")
                        .withMessage(expired ? "Job was active longer than specified deadline"
                                : "Job has reached the specified backoff limit")
                        .endCondition();
            }
            return status.endStatus().build();
        });
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        if (deploymentWatch != null) {
            deploymentWatch.close();
        }
        pool.shutdownNow();
        for (String id : deploymentContainers()) {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException e) {
                // gone already
            }
        }
    }
}
