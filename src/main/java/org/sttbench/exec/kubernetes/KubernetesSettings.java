package org.sttbench.exec.kubernetes;

import java.util.function.Supplier;

/**
 * How the kubernetes executor runs units as Jobs.
 *
 * @param masterUrl       API server URL; blank uses the kubeconfig or, in a pod, the service account
 * @param tokenFile       a file holding the bearer token to authenticate with (a service account token),
 *                        read on every request so a rotated token is followed; blank uses the kubeconfig's
 *                        credentials or, in a pod, the mounted service account token
 * @param namespace       where Jobs are created; blank uses the kubeconfig context's namespace or, in a pod,
 *                        the pod's own (where the deployment's Role is), else "default"
 * @param serviceAccount  the Jobs' pod service account, blank for the namespace default
 * @param image           worker image reference, asked for when first needed
 * @param pullPolicy      IfNotPresent, Always or Never
 * @param memory          memory request and limit per worker, a Kubernetes quantity (2Gi)
 * @param activeDeadlineS the Job's activeDeadlineSeconds; null uses each unit's timeout
 * @param ttlSeconds      ttlSecondsAfterFinished: the cluster removes finished Jobs after this, even
 *                        when this process died before deleting them
 * @param backoffLimit    retries of a failed pod; 0 because a retried benchmark measures twice
 * @param modelsPath      where worker pods find model files (mounted from modelsClaim or baked into the image)
 * @param modelsClaim     PersistentVolumeClaim holding the models, blank when the image has them
 * @param audioPath       where worker pods find audio files and their reference transcripts
 * @param audioClaim      PersistentVolumeClaim holding the audio, blank when the image has it
 * @param maxCpus         the most CPUs a unit may ask for (what one node can give a pod)
 * @param startAllowanceS how much longer than the deadline to wait for a Job before giving up on it
 * @param pool            the nodes units may run on (selector, tolerations, priority class)
 * @param scheduleTimeoutS how long a unit's pod may stay unschedulable before the unit fails with the
 *                        scheduler's reason
 */
public record KubernetesSettings(String masterUrl, String tokenFile, String namespace, String serviceAccount,
                                 Supplier<String> image, String pullPolicy, String memory, Integer activeDeadlineS, int ttlSeconds,
                                 int backoffLimit, String modelsPath, String modelsClaim, String audioPath,
                                 String audioClaim, double maxCpus, int startAllowanceS, NodePool pool,
                                 int scheduleTimeoutS) {

    public static KubernetesSettings defaults(Supplier<String> image) {
        return new KubernetesSettings("", "", "", "", image, "IfNotPresent", "2Gi", null, 600, 0, "/models", "",
                "/audio", "", 8, 120, NodePool.ANY, 600);
    }

    public KubernetesSettings withNamespace(String ns) {
        return new KubernetesSettings(masterUrl, tokenFile, ns, serviceAccount, image, pullPolicy, memory,
                activeDeadlineS, ttlSeconds, backoffLimit, modelsPath, modelsClaim, audioPath, audioClaim, maxCpus, startAllowanceS, pool, scheduleTimeoutS);
    }

    public KubernetesSettings withClaims(String models, String audio) {
        return new KubernetesSettings(masterUrl, tokenFile, namespace, serviceAccount, image, pullPolicy, memory,
                activeDeadlineS, ttlSeconds, backoffLimit, modelsPath, models, audioPath, audio, maxCpus, startAllowanceS, pool, scheduleTimeoutS);
    }

    public KubernetesSettings withTokenFile(String file) {
        return new KubernetesSettings(masterUrl, file, namespace, serviceAccount, image, pullPolicy, memory,
                activeDeadlineS, ttlSeconds, backoffLimit, modelsPath, modelsClaim, audioPath, audioClaim, maxCpus, startAllowanceS, pool, scheduleTimeoutS);
    }

    public KubernetesSettings withMasterUrl(String url) {
        return new KubernetesSettings(url, tokenFile, namespace, serviceAccount, image, pullPolicy, memory,
                activeDeadlineS, ttlSeconds, backoffLimit, modelsPath, modelsClaim, audioPath, audioClaim, maxCpus, startAllowanceS, pool, scheduleTimeoutS);
    }

    public KubernetesSettings withPool(NodePool nodes, int scheduleTimeout) {
        return new KubernetesSettings(masterUrl, tokenFile, namespace, serviceAccount, image, pullPolicy, memory,
                activeDeadlineS, ttlSeconds, backoffLimit, modelsPath, modelsClaim, audioPath, audioClaim, maxCpus,
                startAllowanceS, nodes, scheduleTimeout);
    }
}
