package org.sttbench.workers;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.exec.kubernetes.JobSpecs;
import org.sttbench.exec.kubernetes.KubernetesCluster;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.KubernetesSettings;
import org.sttbench.exec.kubernetes.PodAddresses;

/**
 * Replicas as the pods of one apps/v1 Deployment of the worker image, each running {@code serve} with
 * requests equal to limits (Guaranteed QoS: the CPU limit is the CPU the replica gets), the memory of the
 * kubernetes executor's Jobs, non-root, with the model where the executor's Jobs find it (the models claim
 * mounted read-only, or baked into the image). A readinessProbe on /health keeps a replica out until its
 * model is loaded. A ClusterIP Service selects the fleet's pods, so the fleet has a stable DNS name
 * ({@code <name>.<namespace>.svc:8000}) for whoever wants one address.
 *
 * <p>The load generator, however, balances round-robin over several URLs, while a Service balances per
 * connection: the fleet returns one URL per Ready pod, {@code http://<podIP>:8000} by default (see
 * {@link PodAddresses}). Pod IPs are routable only inside the cluster, so the orchestrator has to run there
 * (the CronJob of k8s/, or any pod with the Role).
 *
 * <p>Close deletes the Deployment and the Service and waits for the pods to be gone, so the next
 * replica count is not measured beside terminating pods; it runs after a failure too, and on JVM shutdown.
 */
public final class KubernetesWorkerFleet implements WorkerFleet {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesWorkerFleet.class);
    public static final String FLEET_LABEL = "sttbench.org/fleet";
    public static final String ROLE_LABEL = "sttbench.org/role";
    public static final String ROLE = "worker";
    public static final String CONTAINER = "worker";
    public static final int PORT = 8000;
    private static final int LOG_LINES = 5;
    private static final Duration TEARDOWN_WAIT = Duration.ofSeconds(90);

    private final KubernetesClient client;
    private final String namespace;
    private final Duration readyTimeout;
    private final PodAddresses addresses;
    private final Consumer<String> progress;
    private final String fleetId = UUID.randomUUID().toString().substring(0, 8);
    private final String name = "sttbench-workers-" + fleetId;
    private boolean created;
    private final CloseOnExit closeOnExit = new CloseOnExit("sttbench-fleet-" + fleetId, this::close);
    private final ServiceDefinition service;
    private final Readiness readiness;
    private final FleetManifests manifests;

    /**
     * @param client        the API; not closed by the fleet
     * @param namespace     where the Deployment and Service are created
     * @param image         the worker image reference
     * @param runId         put on every object as {@link JobSpecs#RUN_LABEL}
     * @param modelInPod    the model file's path inside a worker pod
     * @param cpusPerWorker CPU request and limit of each replica
     * @param readyTimeout  how long the replicas may take to be Ready
     * @param addresses     the URL of a Ready pod, as the load generator reaches it
     */
    public KubernetesWorkerFleet(KubernetesClient client, KubernetesSettings settings, String namespace, String image,
                                 String runId, String modelInPod, double cpusPerWorker, Duration readyTimeout,
                                 PodAddresses addresses, Consumer<String> progress) {
        this(client, settings, namespace, image, runId, modelInPod, cpusPerWorker, readyTimeout, addresses, progress,
                ServiceDefinition.sttbenchServe(), ServiceInstances.threadsFor(cpusPerWorker), null);
    }

    /**
     * @param service   what each pod runs; its image, when set, replaces {@code image}
     * @param threads   the {threads} placeholder
     * @param readiness when a Ready pod counts as reachable from here; null: the service's health path
     */
    public KubernetesWorkerFleet(KubernetesClient client, KubernetesSettings settings, String namespace, String image,
                                 String runId, String modelInPod, double cpusPerWorker, Duration readyTimeout,
                                 PodAddresses addresses, Consumer<String> progress, ServiceDefinition service,
                                 int threads, Readiness readiness) {
        this.service = service;
        this.readiness = readiness != null ? readiness : ServiceInstances.healthOf(service);
        this.client = client;
        this.namespace = namespace;
        this.readyTimeout = readyTimeout;
        this.addresses = addresses;
        this.progress = progress;
        this.manifests = new FleetManifests(name, fleetId, namespace,
                service.image() != null ? service.image() : image, runId, modelInPod, cpusPerWorker,
                threads, service, settings);
    }

    /** A fleet in the kubernetes executor's namespace, with its client, image, settings and pod addresses. */
    public static KubernetesWorkerFleet on(KubernetesExecutor executor, String runId, Path model, double cpusPerWorker,
                                           Duration readyTimeout, Consumer<String> progress) {
        return new KubernetesWorkerFleet(executor.client(), executor.settings(), executor.namespace(), executor.image(),
                runId, executor.modelPathInPod(model), cpusPerWorker, readyTimeout, executor.podAddresses(), progress);
    }

    /** A fleet of the plan's service in the kubernetes executor's namespace. */
    public static KubernetesWorkerFleet on(KubernetesExecutor executor, String runId, Path model, double cpusPerWorker,
                                           int threads, Duration readyTimeout, Consumer<String> progress,
                                           ServiceDefinition service, Readiness readiness) {
        // a service with an image of its own does not ask for the worker image (hashing this installation)
        return new KubernetesWorkerFleet(executor.client(), executor.settings(), executor.namespace(),
                service.image() != null ? service.image() : executor.image(),
                runId, executor.modelPathInPod(model), cpusPerWorker, readyTimeout, executor.podAddresses(), progress,
                service, threads, readiness);
    }

    /** The Deployment's and the Service's name. */
    public String name() {
        return name;
    }

    public String fleetId() {
        return fleetId;
    }

    @Override
    public List<String> start(int count) throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("replica count must be at least 1, was " + count);
        }
        closeOnExit.arm();
        try {
            synchronized (this) {
                created = true;   // from here close deletes, even if a create's answer never came back
            }
            client.apps().deployments().inNamespace(namespace).resource(manifests.deployment(count)).create();
            client.services().inNamespace(namespace).resource(manifests.service()).create();
            progress.accept("workers: Deployment " + namespace + "/" + name + " with " + count + " replica(s), Service "
                    + name + "." + namespace + ".svc:" + service.port());
            List<Pod> ready = awaitReady(count);
            List<String> urls = new ArrayList<>();
            for (Pod pod : ready) {
                urls.add(awaitReachable(pod));
            }
            return urls;
        } catch (IllegalStateException | InterruptedException e) {
            close();
            throw e;
        } catch (KubernetesClientException e) {
            close();
            throw new IllegalStateException(explain(e), e);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Kubernetes API error: " + KubernetesCluster.rootMessage(e), e);
        }
    }

    /** Polls the fleet's pods until count are Ready; a pod that cannot start fails at once with its reason. */
    private List<Pod> awaitReady(int count) throws InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        List<Pod> pods = List.of();
        while (System.nanoTime() < deadline) {
            pods = client.pods().inNamespace(namespace).withLabels(manifests.selector()).list().getItems();
            for (Pod pod : pods) {
                String failure = PodStates.failure(pod);
                if (failure != null) {
                    throw new IllegalStateException(podNoun() + " " + pod.getMetadata().getName() + " of Deployment "
                            + name + " " + failure + ": " + lastLogLines(pod));
                }
            }
            List<Pod> ready = pods.stream().filter(PodStates::ready)
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
            if (ready.size() >= count) {
                return ready.subList(0, count);
            }
            String stuck = deploymentFailure();
            if (stuck != null) {
                throw new IllegalStateException("Deployment " + name + " cannot create its pods: " + stuck);
            }
            Thread.sleep(500);
        }
        long readyCount = pods.stream().filter(PodStates::ready).count();
        String pending = pods.stream().filter(p -> !PodStates.ready(p)).map(p -> p.getMetadata().getName() + " "
                + (p.getStatus() == null ? "no status" : p.getStatus().getPhase() + PodStates.waitingReason(p)))
                .collect(Collectors.joining(", "));
        throw new IllegalStateException(readyCount + " of " + count + " " + podNoun() + "s of Deployment " + name
                + " Ready within " + readyTimeout.toSeconds() + " s" + (pending.isEmpty() ? " (no pods created)" : "; not Ready: " + pending)
                + " (see kubectl describe deployment " + name + ")");
    }

    /** A ReplicaFailure (quota, admission) or ProgressDeadlineExceeded condition of the Deployment, or null. */
    private String deploymentFailure() {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            return "it was deleted";
        }
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        for (DeploymentCondition c : d.getStatus().getConditions()) {
            if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())
                    || "Progressing".equals(c.getType()) && "False".equals(c.getStatus())) {
                return c.getReason() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
            }
        }
        return null;
    }

    private String podNoun() {
        return service.embedded() ? "worker pod" : service.name() + " pod";
    }

    /** The pod's URL once it is ready as seen from here: Ready in the cluster, and reachable from here. */
    private String awaitReachable(Pod pod) throws InterruptedException {
        String url = addresses.url(pod, service.port());
        long deadline = System.nanoTime() + Math.min(readyTimeout.toNanos(), Duration.ofSeconds(30).toNanos());
        while (System.nanoTime() < deadline) {
            if (readiness.ready(url)) {
                return url;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(podNoun() + " " + pod.getMetadata().getName() + " is Ready but " + url
                + (service.healthPath() == null ? " (a transcription)" : service.healthPath())
                + " does not answer from here as ready; pod IPs are reachable only inside the cluster: "
                + "run the orchestrator in a pod (the CronJob of k8s/)");
    }

    /** The last lines of the fleet's first pod, for a failure message. */
    @Override
    public String logTail(int index) {
        try {
            List<Pod> pods = client.pods().inNamespace(namespace).withLabels(manifests.selector()).list().getItems().stream()
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
            return index < pods.size() ? lastLogLines(pods.get(index)) : "(no such pod)";
        } catch (RuntimeException e) {
            return "(log not readable: " + KubernetesCluster.rootMessage(e) + ")";
        }
    }

    /** The pod's last log lines joined into one line, for a failure message. */
    private String lastLogLines(Pod pod) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).inContainer(CONTAINER)
                    .tailingLines(LOG_LINES).getLog();
            String line = log == null ? "" : log.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.joining(" | "));
            return line.isEmpty() ? "(no output)" : line;
        } catch (RuntimeException e) {
            return "(log not readable: " + KubernetesCluster.rootMessage(e) + ")";
        }
    }

    private String explain(KubernetesClientException e) {
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : KubernetesCluster.rootMessage(e);
        said = said.lines().findFirst().orElse(said);
        return switch (e.getCode()) {
            case 403 -> "Kubernetes API forbidden (403): the workers suite needs deployments create/get/delete, "
                    + "services create/get/delete and pods get/list, pods/log get in namespace " + namespace
                    + " (the API said: " + said + ")";
            case 409 -> "Kubernetes API conflict (409): " + name + " already exists in namespace " + namespace;
            case 0, -1 -> "Kubernetes API not reachable: " + said;
            default -> "Kubernetes API error " + e.getCode() + ": " + said;
        };
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!created) {
                closeOnExit.disarm();
                return;
            }
            created = false;
        }
        boolean deleted = true;
        try {
            client.apps().deployments().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (RuntimeException e) {
            deleted = false;
            LOG.warn("could not delete Deployment {}: {}", name, KubernetesCluster.rootMessage(e));
            progress.accept("could not delete Deployment " + namespace + "/" + name + ": " + KubernetesCluster.rootMessage(e));
        }
        try {
            client.services().inNamespace(namespace).withName(name).delete();
        } catch (RuntimeException e) {
            LOG.warn("could not delete Service {}: {}", name, KubernetesCluster.rootMessage(e));
            progress.accept("could not delete Service " + namespace + "/" + name + ": " + KubernetesCluster.rootMessage(e));
        }
        if (deleted) {
            awaitPodsGone();
        }
        closeOnExit.disarm();
    }

    /** The pods go by garbage collection after the Deployment; the next replica count waits for them. */
    private void awaitPodsGone() {
        long deadline = System.nanoTime() + TEARDOWN_WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (client.pods().inNamespace(namespace).withLabels(manifests.selector()).list().getItems().isEmpty()) {
                    return;
                }
                Thread.sleep(500);
            }
            progress.accept("workers: pods of Deployment " + name + " still terminating after "
                    + TEARDOWN_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the API does not answer: the cluster's garbage collector still removes the pods
        }
    }

}
