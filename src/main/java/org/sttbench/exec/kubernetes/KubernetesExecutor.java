package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.sttbench.Json;
import org.sttbench.bench.Placement;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.RunWidth;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.WorkerOutput;
import org.sttbench.plan.Parallel;

/**
 * Runs each unit as a batch/v1 Job ({@link JobSpecs} says what goes into it) on the cluster
 * {@link KubernetesCluster} connects to, and brings the result back in the pod log, so no shared
 * read-write volume is needed.
 *
 * <p>Jobs are created and read through camel-kubernetes ({@code kubernetes-job:} createJob and getJob);
 * the fabric8 client is used directly for what the component does not offer: watching a Job until it
 * finishes, finding its pod, reading the pod log, and deleting the Job with its pod.
 */
public final class KubernetesExecutor implements UnitExecutor, AutoCloseable {
    public static final String NAME = "kubernetes";
    /** How often a wait for a Job looks at its pod for a scheduling failure. */
    private static final long WAIT_SLICE_S = 3;

    private final KubernetesSettings settings;
    private final Consumer<String> progress;
    private final KubernetesCluster cluster;
    private final JobSpecs specs;
    private final ClusterNodes nodes;
    private final RunningJobs jobs = new RunningJobs(this::cancel);
    private PodAddresses podAddresses = PodAddresses.POD_IP;

    /** Uses the given client (tests, or a caller that already has one) and Camel context (null: a private one). */
    public KubernetesExecutor(KubernetesSettings settings, KubernetesClient client, CamelContext camel,
                              Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.cluster = new KubernetesCluster(settings, client, camel);
        this.specs = new JobSpecs(settings);
        this.nodes = new ClusterNodes(cluster, settings.pool());
    }

    /** Connects on first use, to settings.masterUrl or the kubeconfig or in-cluster service account. */
    public KubernetesExecutor(KubernetesSettings settings, CamelContext camel, Consumer<String> progress) {
        this(settings, null, camel, progress);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double maxCpus() {
        return settings.maxCpus();
    }

    /** The client the executor's Jobs are created with (connected on first use); not to be closed by callers. */
    public KubernetesClient client() {
        return cluster.client();
    }

    public KubernetesSettings settings() {
        return settings;
    }

    /** The connection, namespace and API error wording. */
    public KubernetesCluster cluster() {
        return cluster;
    }

    /** What goes into a unit's Job. */
    public JobSpecs specs() {
        return specs;
    }

    /**
     * How the workers suite reaches a Ready replica pod; by default its pod IP, which needs the orchestrator
     * inside the cluster. A test cluster maps pods to the addresses it published them on.
     */
    public synchronized PodAddresses podAddresses() {
        return podAddresses;
    }

    public synchronized void podAddresses(PodAddresses addresses) {
        this.podAddresses = addresses;
    }

    /** The path of a model file in a worker pod: the file name under the models path (claim or baked in). */
    public String modelPathInPod(Path model) {
        return specs.modelPathInPod(model);
    }

    /** The configured namespace, else the client's: the kubeconfig context's or, in a pod, the pod's own. */
    public String namespace() {
        return cluster.namespace();
    }

    /** The worker image reference, asked for on first use. */
    public String image() {
        return specs.image();
    }

    @Override
    public void checkReady() {
        cluster.checkReady();
    }

    /** One line for an API error, saying what to fix. */
    String explain(Throwable error) {
        return cluster.explain(error);
    }

    /** Units side by side, as many as there are nodes that admit them (see {@link ClusterNodes#width}). */
    @Override
    public RunWidth width(Parallel requested, int units) {
        return nodes.width(requested, units);
    }

    /**
     * Runs the unit's Job; when the cluster took its pod away (evicted, preempted, node gone) runs it once
     * more on another node, and says so in the result's placement.
     */
    @Override
    public UnitResult execute(WorkUnit unit) {
        Attempt first = attempt(unit, null);
        if (first.disruption() == null) {
            return first.result();
        }
        progress.accept(unit.unitId() + ": " + first.disruption() + "; running it once more on another node");
        Attempt second = attempt(unit, first.node());
        UnitResult result = second.result();
        if (second.disruption() != null) {
            result = UnitResult.failed(unit, NAME, "disrupted twice: " + first.disruption() + "; then "
                    + second.disruption()).withPlacement(result.placement());
        }
        Placement where = result.placement() != null ? result.placement() : new Placement(null, null, null, null, 1, null);
        return result.withPlacement(where.retried(first.disruption()));
    }

    /** One Job for the unit: its result, or why the cluster ended its pod (then worth one more attempt). */
    private record Attempt(UnitResult result, String disruption, String node) {
    }

    private Attempt attempt(WorkUnit unit, String avoidNode) {
        String jobName = JobSpecs.jobName(unit);
        String ns = namespace();
        boolean created = false;
        try {
            WorkUnit remapped = specs.remap(unit);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, ns);
            headers.put(KubernetesConstants.KUBERNETES_JOB_NAME, jobName);
            headers.put(KubernetesConstants.KUBERNETES_JOB_LABELS, JobSpecs.labels(unit));
            headers.put(KubernetesConstants.KUBERNETES_JOB_SPEC,
                    specs.jobSpec(unit, remapped, Json.json().writeValueAsString(remapped), avoidNode));
            // known before the request goes out, so a cancel while it is in flight deletes the Job too
            jobs.started(jobName);
            cluster.producer().requestBodyAndHeaders(KubernetesCluster.endpoint("createJob"), null, headers, Job.class);
            created = true;
            progress.accept(unit.unitId() + ": Job " + ns + "/" + jobName + " created");

            String notFinished = await(unit, jobName);
            if (notFinished != null) {
                Placement where = nodes.placement(latestPod(jobName).map(PodFaults::node).orElse(null));
                return new Attempt(UnitResult.failed(unit, NAME, notFinished).withPlacement(where), null, null);
            }
            Map<String, Object> get = Map.of(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, ns,
                    KubernetesConstants.KUBERNETES_JOB_NAME, jobName);
            Job job = cluster.producer().requestBodyAndHeaders(KubernetesCluster.endpoint("getJob"), null, get, Job.class);
            if (job == null) {
                return new Attempt(UnitResult.failed(unit, NAME, "Job " + jobName + " disappeared before it finished"),
                        null, null);
            }
            Optional<Pod> pod = latestPod(jobName);
            Placement where = nodes.placement(pod.map(PodFaults::node).orElse(null));
            String log = "";
            String logError = null;
            if (pod.isPresent()) {
                String podName = pod.get().getMetadata().getName();
                try {
                    log = podLog(podName);
                } catch (KubernetesClientException e) {
                    // the result is in the log: without it the unit has no result, whatever the pod did
                    logError = "cannot read the log of pod " + podName + ": " + explain(e);
                    progress.accept(logError);
                }
            }
            Optional<UnitResult> parsed = WorkerOutput.parse(log);
            if (parsed.isPresent()) {
                UnitResult result = annotate(parsed.get().withUnit(unit).withExecutor(NAME), unit);
                return new Attempt(where == null ? result : result.withPlacement(where.withCpuModel(
                        result.environment() == null ? null : result.environment().cpuModel())), null, null);
            }
            String reason = PodFaults.failureReason(job, pod.orElse(null), log);
            UnitResult failed = UnitResult.failed(unit, NAME, logError == null ? reason : logError + "; " + reason)
                    .withPlacement(where);
            return new Attempt(failed, pod.map(PodFaults::disruption).orElse(null), pod.map(PodFaults::node).orElse(null));
        } catch (ExecutorUnavailableException e) {
            return new Attempt(UnitResult.failed(unit, NAME, e.getMessage()), null, null);
        } catch (IOException e) {
            return new Attempt(UnitResult.failed(unit, NAME, "cannot write the unit: " + e.getMessage()), null, null);
        } catch (RuntimeException e) {
            return new Attempt(UnitResult.failed(unit, NAME, explain(e)), null, null);
        } finally {
            if (created) {
                deleteJob(jobName);
            }
            jobs.finished(jobName);
        }
    }

    /**
     * Waits for the Job to finish, in slices so that a pod the scheduler cannot place is noticed: it fails
     * the unit with the scheduler's reason once it has been unschedulable for the configured bound.
     *
     * @return null when the Job finished, else why the unit fails
     */
    private String await(WorkUnit unit, String jobName) {
        long waitS = specs.deadline(unit) + settings.startAllowanceS();
        long start = System.nanoTime();
        while (true) {
            long elapsedS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            if (elapsedS >= waitS) {
                return "Job " + jobName + " did not finish within " + waitS
                        + " s (pod not scheduled or image not pullable? see kubectl describe job " + jobName + ")";
            }
            try {
                client().batch().v1().jobs().inNamespace(namespace()).withName(jobName)
                        .waitUntilCondition(job -> job == null || finished(job), Math.min(WAIT_SLICE_S, waitS - elapsedS),
                                TimeUnit.SECONDS);
                return null;
            } catch (KubernetesClientException e) {
                if (!timedOut(e)) {
                    throw e;
                }
            }
            List<Pod> pods = pods(jobName);
            String why = PodFaults.anyScheduled(pods) ? null
                    : pods.stream().map(PodFaults::unschedulable).filter(Objects::nonNull).findFirst().orElse(null);
            long pendingS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            if (why != null && pendingS >= settings.scheduleTimeoutS()) {
                return "Job " + jobName + " not scheduled within " + settings.scheduleTimeoutS()
                        + " s (sttbench.kubernetes.schedule-timeout-s): " + why;
            }
        }
    }

    private static boolean timedOut(KubernetesClientException e) {
        return e instanceof KubernetesClientTimeoutException || KubernetesCluster.find(e, TimeoutException.class) != null
                || e.getCode() <= 0 && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
    }

    /** Deletes every Job of this executor that is still running (the run was cancelled or the JVM is exiting). */
    public void cancel() {
        for (String jobName : jobs.running()) {
            deleteJob(jobName);
        }
    }

    static boolean finished(Job job) {
        if (job.getStatus() == null) {
            return false;
        }
        List<JobCondition> conditions = job.getStatus().getConditions() == null ? List.of() : job.getStatus().getConditions();
        return conditions.stream().anyMatch(c -> "True".equals(c.getStatus())
                && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
    }

    private List<Pod> pods(String jobName) {
        return client().pods().inNamespace(namespace()).withLabel("job-name", jobName).list().getItems();
    }

    private Optional<Pod> latestPod(String jobName) {
        return pods(jobName).stream().max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
    }

    private String podLog(String pod) {
        return client().pods().inNamespace(namespace()).withName(pod).inContainer(JobSpecs.CONTAINER).getLog();
    }

    private UnitResult annotate(UnitResult result, WorkUnit unit) {
        String method = unit.cpuLimit() == null ? "kubernetes, no CPU limit"
                : "kubernetes limits.cpu " + JobSpecs.cpuQuantity(unit.cpuLimit());
        String derivation = result.threadDerivation() == null ? null
                : result.threadDerivation() + " [limit via " + method + "]";
        return new UnitResult(result.unit(), result.status(), result.error(), result.executor(), result.environment(),
                result.whisperSystemInfo(), result.model(), result.threads(), derivation, result.loadMs(),
                result.measurements(), result.usage(), result.peakRssMb(), result.placement());
    }

    private void deleteJob(String jobName) {
        try {
            client().batch().v1().jobs().inNamespace(namespace()).withName(jobName)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (RuntimeException e) {
            progress.accept("could not delete Job " + jobName + " (ttlSecondsAfterFinished removes it): "
                    + KubernetesCluster.rootMessage(e));
        }
    }

    @Override
    public void close() {
        cancel();
        jobs.close();
        cluster.close();
    }
}
