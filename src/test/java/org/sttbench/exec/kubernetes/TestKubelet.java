package org.sttbench.exec.kubernetes;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What a cluster does for a Job, enough for the executor to be tested end to end against the fabric8
 * mock API server: it watches Jobs, creates each one's pod, runs the pod's container in the real Docker
 * engine (limits.cpu as NanoCPUs, limits.memory, the pod's env, claims bound to host folders), kills it
 * at the Job's deadline, serves its log at the pod log endpoint, and sets pod and Job status.
 */
public final class TestKubelet implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Path> claims;
    private final DockerClient docker;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<Throwable> errors = new ArrayList<>();
    private Watch watch;

    /** @param claims PersistentVolumeClaim name to the host folder that plays its volume */
    public TestKubelet(KubernetesMockServer server, KubernetesClient client, String namespace, Map<String, Path> claims,
                DockerClient docker) {
        this.server = server;
        this.client = client;
        this.namespace = namespace;
        this.claims = claims;
        this.docker = docker;
    }

    public TestKubelet start() {
        watch = client.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED && seen.add(job.getMetadata().getName())) {
                    pool.submit(() -> run(job));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        return this;
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
                setPod(podName, "Running", null, null);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(job.getSpec().getActiveDeadlineSeconds());
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
                while (Boolean.TRUE.equals(state.getRunning()) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    state = docker.inspectContainerCmd(id).exec().getState();
                }
                boolean expired = Boolean.TRUE.equals(state.getRunning());
                if (expired) {
                    docker.killContainerCmd(id).exec();
                    state = docker.inspectContainerCmd(id).exec().getState();
                }
                StringBuilder log = new StringBuilder();
                docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(30, TimeUnit.SECONDS);
                // the mock API server keeps pods but has no log endpoint: serve this pod's log as the kubelet would
                server.expect().get()
                        .withPath("/api/v1/namespaces/" + namespace + "/pods/" + podName + "/log?pretty=false&container="
                                + container.getName())
                        .andReturn(200, log.toString()).always();
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

    private void setPod(String podName, String phase, Integer exit, String reason) {
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> {
            PodBuilder b = new PodBuilder(p);
            var status = b.editOrNewStatus().withPhase(phase);
            if (exit != null) {
                status.withContainerStatuses().addNewContainerStatus().withName(KubernetesExecutor.CONTAINER)
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
        pool.shutdownNow();
    }
}
