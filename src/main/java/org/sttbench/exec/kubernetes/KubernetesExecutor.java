package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.sttbench.Json;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.exec.WorkerOutput;
import org.sttbench.models.ModelInfo;

/**
 * Runs each unit as a batch/v1 Job: one pod, requests equal to limits (Guaranteed QoS, so the CPU
 * limit is the CPU the worker gets), restartPolicy Never, no retries, the unit's timeout as the Job's
 * deadline. The result comes back in the pod log, so no shared read-write volume is needed.
 *
 * <p>Jobs are created and read through camel-kubernetes ({@code kubernetes-job:} createJob and getJob);
 * the fabric8 client is used directly for what the component does not offer: watching a Job until it
 * finishes, finding its pod, reading the pod log, and deleting the Job with its pod.
 *
 * <p>Worker pods cannot see this machine's files: the model is expected at
 * {@code <models-path>/<file name>} and each clip at {@code <audio-path>/<file name>} (with its
 * reference transcript beside it), mounted read-only from the configured claims or baked into the image.
 */
public final class KubernetesExecutor implements UnitExecutor, AutoCloseable {
    public static final String NAME = "kubernetes";
    public static final String RUN_LABEL = "sttbench.org/run";
    public static final String UNIT_LABEL = "sttbench.org/unit";
    public static final String CONTAINER = "worker";
    private static final String CLIENT_BEAN = "sttbenchKubernetesClient";

    private final KubernetesSettings settings;
    private final Consumer<String> progress;
    private final CamelContext givenContext;
    private KubernetesClient client;
    private boolean ownClient;
    private CamelContext camel;
    private ProducerTemplate producer;
    private String image;
    private PodAddresses podAddresses = PodAddresses.POD_IP;

    /** Uses the given client (tests, or a caller that already has one) and Camel context (null: a private one). */
    public KubernetesExecutor(KubernetesSettings settings, KubernetesClient client, CamelContext camel,
                              Consumer<String> progress) {
        this.settings = settings;
        this.client = client;
        this.givenContext = camel;
        this.progress = progress;
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
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = connect(settings.masterUrl(), settings.tokenFile());
            ownClient = true;
        }
        return client;
    }

    /** A client that fails fast when the API server is down, instead of retrying for minutes. */
    public static KubernetesClient connect(String masterUrl) {
        return connect(masterUrl, null);
    }

    /**
     * As {@link #connect(String)}, authenticating with the bearer token in tokenFile when one is given. The
     * file is read on every request, as the kubelet rewrites a projected service account token when it
     * rotates it.
     */
    public static KubernetesClient connect(String masterUrl, String tokenFile) {
        Config base = Config.autoConfigure(null);
        ConfigBuilder config = new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(5_000)
                .withRequestTimeout(30_000);
        if (masterUrl != null && !masterUrl.isBlank()) {
            config.withMasterUrl(masterUrl);
        }
        if (tokenFile != null && !tokenFile.isBlank()) {
            Path file = Path.of(tokenFile);
            config.withOauthTokenProvider(() -> readToken(file));
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new ExecutorUnavailableException("cannot read the API token from sttbench.kubernetes.token-file "
                    + file + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    public KubernetesSettings settings() {
        return settings;
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
        return Path.of(settings.modelsPath(), model.getFileName().toString()).toString();
    }

    /** The configured namespace, else the client's: the kubeconfig context's or, in a pod, the pod's own. */
    public String namespace() {
        String ns = settings.namespace();
        if (ns != null && !ns.isBlank()) {
            return ns;
        }
        try {
            String own = client().getNamespace();
            return own == null || own.isBlank() ? "default" : own;
        } catch (RuntimeException e) {
            return "default";
        }
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            if (givenContext != null) {
                camel = givenContext;
            } else {
                camel = new DefaultCamelContext();
                camel.start();
            }
            camel.getRegistry().bind(CLIENT_BEAN, client());
            producer = camel.createProducerTemplate();
        }
        return producer;
    }

    /** The worker image reference, asked for on first use. */
    public synchronized String image() {
        if (image == null) {
            image = settings.image().get();
        }
        return image;
    }

    /** A cheap call that needs the same rights as a run: list one Job in the namespace. */
    @Override
    public void checkReady() {
        if (settings.tokenFile() != null && !settings.tokenFile().isBlank()) {
            String token = readToken(Path.of(settings.tokenFile()));
            if (token.isEmpty()) {
                throw new ExecutorUnavailableException("sttbench.kubernetes.token-file " + settings.tokenFile() + " is empty");
            }
        }
        try {
            client().batch().v1().jobs().inNamespace(namespace())
                    .list(new ListOptionsBuilder().withLimit(1L).build());
        } catch (KubernetesClientException e) {
            throw new ExecutorUnavailableException(explain(e));
        } catch (RuntimeException e) {
            throw new ExecutorUnavailableException("Kubernetes API not reachable at " + masterUrl() + ": " + rootMessage(e));
        }
    }

    /** One line for an API error, saying what to fix. */
    String explain(Throwable error) {
        KubernetesClientException k = find(error, KubernetesClientException.class);
        String url = masterUrl();
        if (k == null) {
            return "Kubernetes API error at " + url + ": " + rootMessage(error);
        }
        return switch (k.getCode()) {
            case 401 -> "Kubernetes API at " + url + ": credentials rejected (401); check the kubeconfig or the service account token";
            case 403 -> "Kubernetes API at " + url + ": forbidden (403): the service account needs jobs create/get/list/watch/delete, "
                    + "pods get/list/watch, pods/log get (and for the workers suite deployments create/get/delete, "
                    + "services create/delete) in namespace " + namespace() + " (" + denied(k) + ")";
            case 404 -> "Kubernetes API at " + url + ": not found (404): does namespace " + namespace()
                    + " exist, and does the cluster serve batch/v1?";
            case 409 -> "Kubernetes API at " + url + ": conflict (409): a Job of that name already exists in namespace "
                    + namespace();
            case 0, -1 -> "Kubernetes API not reachable at " + url + ": " + rootMessage(k);
            default -> "Kubernetes API at " + url + ": error " + k.getCode() + ": " + firstLine(
                    k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage());
        };
    }

    /** What the API refused: its own message, which names the verb and resource, or the request's resource. */
    private static String denied(KubernetesClientException k) {
        String message = k.getStatus() != null ? k.getStatus().getMessage() : null;
        if (message != null && !message.isBlank()) {
            return "the API said: " + firstLine(message);
        }
        String resource = k.getFullResourceName() != null ? k.getFullResourceName() : k.getResourcePlural();
        return resource == null ? "no reason given" : "refused on " + resource + (k.getName() == null ? "" : " " + k.getName());
    }

    private String masterUrl() {
        try {
            return client().getMasterUrl().toString();
        } catch (RuntimeException e) {
            return settings.masterUrl() == null || settings.masterUrl().isBlank() ? "(kubeconfig)" : settings.masterUrl();
        }
    }

    @Override
    public UnitResult execute(WorkUnit unit) {
        String jobName = jobName(unit);
        String ns = namespace();
        boolean created = false;
        try {
            WorkUnit remapped = remap(unit);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, ns);
            headers.put(KubernetesConstants.KUBERNETES_JOB_NAME, jobName);
            headers.put(KubernetesConstants.KUBERNETES_JOB_LABELS, labels(unit));
            headers.put(KubernetesConstants.KUBERNETES_JOB_SPEC, jobSpec(unit, remapped, Json.json().writeValueAsString(remapped)));
            producer().requestBodyAndHeaders(endpoint("createJob"), null, headers, Job.class);
            created = true;
            progress.accept(unit.unitId() + ": Job " + ns + "/" + jobName + " created");

            long waitS = deadline(unit) + settings.startAllowanceS();
            try {
                client().batch().v1().jobs().inNamespace(ns).withName(jobName)
                        .waitUntilCondition(job -> job == null || finished(job), waitS, TimeUnit.SECONDS);
            } catch (KubernetesClientException e) {
                if (find(e, java.util.concurrent.TimeoutException.class) != null || e.getCode() == 0
                        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")) {
                    return UnitResult.failed(unit, NAME, "Job " + jobName + " did not finish within " + waitS
                            + " s (pod not scheduled or image not pullable? see kubectl describe job " + jobName + ")");
                }
                throw e;
            }
            Map<String, Object> get = Map.of(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, ns,
                    KubernetesConstants.KUBERNETES_JOB_NAME, jobName);
            Job job = producer().requestBodyAndHeaders(endpoint("getJob"), null, get, Job.class);
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

    private long deadline(WorkUnit unit) {
        return settings.activeDeadlineS() != null ? settings.activeDeadlineS() : unit.timeoutS();
    }

    /** Host paths become the paths the cluster convention gives them. */
    WorkUnit remap(WorkUnit unit) {
        ModelInfo model = unit.model();
        Path inPod = Path.of(modelPathInPod(model.path()));
        List<String> audio = unit.audio().stream()
                .map(a -> settings.audioPath() + "/" + Path.of(a).getFileName())
                .toList();
        return unit.withModel(new ModelInfo(model.name(), inPod, model.sizeBytes(), model.sha256(), model.synthetic()))
                .withAudio(audio);
    }

    JobSpec jobSpec(WorkUnit unit, WorkUnit remapped, String unitJson) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        if (unit.cpuLimit() != null) {
            resources.put("cpu", new Quantity(cpuQuantity(unit.cpuLimit())));
        }
        resources.put("memory", new Quantity(settings.memory()));
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image())
                .withImagePullPolicy(settings.pullPolicy())
                .withArgs("worker")
                .addNewEnv().withName("STTBENCH_UNIT").withValue(unitJson).endEnv()
                .withNewResources().withRequests(resources).withLimits(resources).endResources();
        PodSpecBuilder pod = new PodSpecBuilder().withRestartPolicy("Never");
        if (settings.serviceAccount() != null && !settings.serviceAccount().isBlank()) {
            pod.withServiceAccountName(settings.serviceAccount());
        }
        addClaim(pod, container, "models", settings.modelsClaim(), settings.modelsPath());
        addClaim(pod, container, "audio", settings.audioClaim(), settings.audioPath());
        Container built = container.build();
        pod.withContainers(built);
        return new JobSpecBuilder()
                .withBackoffLimit(settings.backoffLimit())
                .withActiveDeadlineSeconds(deadline(unit))
                .withTtlSecondsAfterFinished(settings.ttlSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(unit)).endMetadata()
                .withSpec(pod.build())
                .endTemplate()
                .build();
    }

    /** A read-only volume of the claim mounted at path; nothing when no claim is configured (baked into the image). */
    public static void addClaim(PodSpecBuilder pod, ContainerBuilder container, String volume, String claim, String path) {
        if (claim == null || claim.isBlank()) {
            return;
        }
        pod.addToVolumes(new VolumeBuilder().withName(volume)
                .withNewPersistentVolumeClaim().withClaimName(claim).withReadOnly(true).endPersistentVolumeClaim()
                .build());
        container.addToVolumeMounts(new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build());
    }

    /** 1 -> "1", 0.5 -> "500m", 1.25 -> "1250m". */
    public static String cpuQuantity(double cpus) {
        long milli = Math.round(cpus * 1000);
        return milli % 1000 == 0 ? String.valueOf(milli / 1000) : milli + "m";
    }

    private String endpoint(String operation) {
        return "kubernetes-job:///?kubernetesClient=#" + CLIENT_BEAN + "&operation=" + operation;
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
        return client().pods().inNamespace(namespace()).withName(pod).inContainer(CONTAINER).getLog();
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
                : "kubernetes limits.cpu " + cpuQuantity(unit.cpuLimit());
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
            progress.accept("could not delete Job " + jobName + " (ttlSecondsAfterFinished removes it): " + rootMessage(e));
        }
    }

    static Map<String, String> labels(WorkUnit unit) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "sttbench-worker");
        labels.put(RUN_LABEL, labelValue(unit.runId()));
        labels.put(UNIT_LABEL, labelValue(unit.unitId()));
        return labels;
    }

    /** Label values: at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends. */
    public static String labelValue(String value) {
        String clean = value.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.length() > 63) {
            clean = clean.substring(clean.length() - 63);
        }
        return clean.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    /** A DNS-1123 name of at most 63 characters, unique per execution. */
    static String jobName(WorkUnit unit) {
        String run = unit.runId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
        String suffix = "-" + unit.index() + "-" + UUID.randomUUID().toString().substring(0, 5);
        String base = "sttbench-" + run;
        int room = 63 - suffix.length();
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return (base.replaceAll("-+$", "") + suffix);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return firstLine(message);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message).strip();
    }

    @Override
    public synchronized void close() {
        if (camel != null && camel != givenContext) {
            camel.stop();
        }
        if (ownClient && client != null) {
            client.close();
        }
    }
}
