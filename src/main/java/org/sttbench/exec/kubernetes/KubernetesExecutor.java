package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.sttbench.Json;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.WorkerOutput;

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

    private final KubernetesSettings settings;
    private final Consumer<String> progress;
    private final KubernetesCluster cluster;
    private final JobSpecs specs;
    private PodAddresses podAddresses = PodAddresses.POD_IP;

    /** Uses the given client (tests, or a caller that already has one) and Camel context (null: a private one). */
    public KubernetesExecutor(KubernetesSettings settings, KubernetesClient client, CamelContext camel,
                              Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.cluster = new KubernetesCluster(settings, client, camel);
        this.specs = new JobSpecs(settings);
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

    @Override
    public UnitResult execute(WorkUnit unit) {
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
                    specs.jobSpec(unit, remapped, Json.json().writeValueAsString(remapped)));
            cluster.producer().requestBodyAndHeaders(KubernetesCluster.endpoint("createJob"), null, headers, Job.class);
            created = true;
            progress.accept(unit.unitId() + ": Job " + ns + "/" + jobName + " created");

            long waitS = specs.deadline(unit) + settings.startAllowanceS();
            try {
                client().batch().v1().jobs().inNamespace(ns).withName(jobName)
                        .waitUntilCondition(job -> job == null || finished(job), waitS, TimeUnit.SECONDS);
            } catch (KubernetesClientException e) {
                if (KubernetesCluster.find(e, TimeoutException.class) != null || e.getCode() == 0
                        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")) {
                    return UnitResult.failed(unit, NAME, "Job " + jobName + " did not finish within " + waitS
                            + " s (pod not scheduled or image not pullable? see kubectl describe job " + jobName + ")");
                }
                throw e;
            }
            Map<String, Object> get = Map.of(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, ns,
                    KubernetesConstants.KUBERNETES_JOB_NAME, jobName);
            Job job = cluster.producer().requestBodyAndHeaders(KubernetesCluster.endpoint("getJob"), null, get, Job.class);
            if (job == null) {
                return UnitResult.failed(unit, NAME, "Job " + jobName + " disappeared before it finished");
            }
            Optional<Pod> pod = latestPod(jobName);
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
                return annotate(parsed.get().withUnit(unit).withExecutor(NAME), unit);
            }
            String reason = failureReason(job, pod.orElse(null), log);
            return UnitResult.failed(unit, NAME, logError == null ? reason : logError + "; " + reason);
        } catch (ExecutorUnavailableException e) {
            return UnitResult.failed(unit, NAME, e.getMessage());
        } catch (IOException e) {
            return UnitResult.failed(unit, NAME, "cannot write the unit: " + e.getMessage());
        } catch (RuntimeException e) {
            return UnitResult.failed(unit, NAME, explain(e));
        } finally {
            if (created) {
                deleteJob(jobName);
            }
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

    private Optional<Pod> latestPod(String jobName) {
        List<Pod> pods = client().pods().inNamespace(namespace()).withLabel("job-name", jobName).list().getItems();
        return pods.stream().max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
    }

    private String podLog(String pod) {
        return client().pods().inNamespace(namespace()).withName(pod).inContainer(JobSpecs.CONTAINER).getLog();
    }

    static String failureReason(Job job, Pod pod, String log) {
        List<String> parts = new ArrayList<>();
        if (job.getStatus() != null && job.getStatus().getConditions() != null) {
            job.getStatus().getConditions().stream()
                    .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                    .findFirst()
                    .ifPresent(c -> parts.add("Job failed: " + c.getReason()
                            + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")));
        }
        ContainerStateTerminated terminated = pod == null || pod.getStatus() == null
                || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream()
                        .map(ContainerStatus::getState)
                        .filter(s -> s != null && s.getTerminated() != null)
                        .map(s -> s.getTerminated())
                        .findFirst().orElse(null);
        if (terminated != null) {
            parts.add("OOMKilled".equals(terminated.getReason())
                    ? "worker killed: out of memory (raise sttbench.kubernetes.memory)"
                    : "worker exited with code " + terminated.getExitCode());
        }
        if (pod == null) {
            parts.add("no pod was created");
        }
        if (log != null && !log.isBlank()) {
            parts.add(WorkerOutput.lastLine(log));
        }
        return parts.isEmpty() ? "Job ended without a result" : String.join(": ", parts);
    }

    private UnitResult annotate(UnitResult result, WorkUnit unit) {
        String method = unit.cpuLimit() == null ? "kubernetes, no CPU limit"
                : "kubernetes limits.cpu " + JobSpecs.cpuQuantity(unit.cpuLimit());
        String derivation = result.threadDerivation() == null ? null
                : result.threadDerivation() + " [limit via " + method + "]";
        return new UnitResult(result.unit(), result.status(), result.error(), result.executor(), result.environment(),
                result.whisperSystemInfo(), result.model(), result.threads(), derivation, result.loadMs(),
                result.measurements(), result.usage(), result.peakRssMb());
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
        cluster.close();
    }
}
