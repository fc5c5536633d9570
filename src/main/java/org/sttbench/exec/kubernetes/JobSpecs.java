package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.models.ModelInfo;

/**
 * What goes into a unit's Job: its name and labels, the worker container with requests equal to limits
 * (Guaranteed QoS, so the CPU limit is the CPU the worker gets), restartPolicy Never, no retries, the
 * unit's timeout as the Job's deadline, and the claims holding models and audio.
 *
 * <p>Worker pods cannot see this machine's files: the model is expected at
 * {@code <models-path>/<file name>} and each clip at {@code <audio-path>/<file name>} (with its
 * reference transcript beside it), mounted read-only from the configured claims or baked into the image.
 */
public final class JobSpecs {
    public static final String RUN_LABEL = "sttbench.org/run";
    public static final String UNIT_LABEL = "sttbench.org/unit";
    public static final String CONTAINER = "worker";
    /** On unit pods only (not on the workers suite's replicas): what the anti-affinity rule selects. */
    public static final String ROLE_LABEL = "sttbench.org/role";
    public static final String UNIT_ROLE = "unit";
    public static final String HOSTNAME = "kubernetes.io/hostname";

    private final KubernetesSettings settings;
    private String image;

    public JobSpecs(KubernetesSettings settings) {
        this.settings = settings;
    }

    /** The worker image reference, asked for on first use. */
    public synchronized String image() {
        if (image == null) {
            image = settings.image().get();
        }
        return image;
    }

    /** The path of a model file in a worker pod: the file name under the models path (claim or baked in). */
    public String modelPathInPod(Path model) {
        return Path.of(settings.modelsPath(), model.getFileName().toString()).toString();
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

    /** The Job's activeDeadlineSeconds: the configured one, else the unit's timeout. */
    long deadline(WorkUnit unit) {
        return settings.activeDeadlineS() != null ? settings.activeDeadlineS() : unit.timeoutS();
    }

    /**
     * @param avoidNode a node the pod must not run on (where its first attempt was disrupted), or null
     */
    JobSpec jobSpec(WorkUnit unit, WorkUnit remapped, String unitJson, String avoidNode) {
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
        place(pod, unit, avoidNode);
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

    /**
     * Never two units of a run on one node at once: a required anti-affinity on the run's unit pods per
     * hostname, which a scheduler honours both ways. Then the benchmark pool: selector, tolerations,
     * priority class; and, for a second attempt, not the node the first was disrupted on.
     */
    void place(PodSpecBuilder pod, WorkUnit unit, String avoidNode) {
        var affinity = pod.withNewAffinity()
                .withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNewLabelSelector()
                .addToMatchLabels(RUN_LABEL, labelValue(unit.runId()))
                .addToMatchLabels(ROLE_LABEL, UNIT_ROLE)
                .endLabelSelector()
                .withTopologyKey(HOSTNAME)
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity();
        if (avoidNode != null) {
            affinity.withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().addNewMatchExpression().withKey(HOSTNAME).withOperator("NotIn")
                    .withValues(avoidNode).endMatchExpression().endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity();
        }
        affinity.endAffinity();
        NodePool nodes = settings.pool();
        if (!nodes.nodeSelector().isEmpty()) {
            pod.withNodeSelector(new LinkedHashMap<>(nodes.nodeSelector()));
        }
        if (!nodes.tolerations().isEmpty()) {
            pod.withTolerations(nodes.tolerations());
        }
        if (!nodes.priorityClassName().isEmpty()) {
            pod.withPriorityClassName(nodes.priorityClassName());
        }
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

    static Map<String, String> labels(WorkUnit unit) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "sttbench-worker");
        labels.put(RUN_LABEL, labelValue(unit.runId()));
        labels.put(UNIT_LABEL, labelValue(unit.unitId()));
        labels.put(ROLE_LABEL, UNIT_ROLE);
        // the next start on the same inbox finds the Jobs of a killed run by it
        InstanceLabel.addTo(labels);
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
}
