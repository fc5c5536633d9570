package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.exec.InstanceLabel;

/**
 * Removes the Kubernetes objects a killed sttbench left in its namespace: unit Jobs (their pods go with
 * them) and workers-fleet Deployments and Services labelled with this instance's {@link InstanceLabel}
 * and created before this process took the inbox lock. Objects of other inboxes, other tools, or this
 * process's own (created later) are left alone. Without it a Job of an interrupted run would keep its
 * node busy until its deadline, and a fleet would run until someone deletes it.
 */
public final class OrphanObjects {
    private OrphanObjects() {
    }

    /**
     * Whether a cluster is configured at all (a master URL, a service account in a pod, or a kubeconfig):
     * without one the start does not try to connect anywhere.
     */
    public static boolean configured(String masterUrl) {
        if (masterUrl != null && !masterUrl.isBlank()) {
            return true;
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            return true;
        }
        String kubeconfig = System.getenv("KUBECONFIG");
        return kubeconfig != null && !kubeconfig.isBlank()
                || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    /** As {@link #remove(KubernetesClient, String, String, Instant)}, connecting as the executor would. */
    public static List<String> remove(KubernetesSettings settings, String instance, Instant before) {
        try (KubernetesCluster cluster = new KubernetesCluster(settings, null, null)) {
            return remove(cluster.client(), cluster.namespace(), instance, before);
        } catch (RuntimeException e) {
            // no cluster answering: nothing of ours can be running there; the next start tries again
            return List.of();
        }
    }

    /** @return "Job ns/name" and the like for each object removed */
    public static List<String> remove(KubernetesClient client, String namespace, String instance, Instant before) {
        List<String> removed = new ArrayList<>();
        removed.addAll(remove("Job", client.batch().v1().jobs(), namespace, instance, before));
        removed.addAll(remove("Deployment", client.apps().deployments(), namespace, instance, before));
        removed.addAll(remove("Service", client.services(), namespace, instance, before));
        return removed;
    }

    private static <T extends HasMetadata, L extends KubernetesResourceList<T>> List<String> remove(String kind,
            MixedOperation<T, L, ? extends Resource<T>> objects, String namespace, String instance, Instant before) {
        List<String> removed = new ArrayList<>();
        List<T> items = objects.inNamespace(namespace).withLabel(InstanceLabel.KEY, instance).list().getItems();
        for (T item : items) {
            if (!createdBefore(item, before)) {
                continue;
            }
            objects.inNamespace(namespace).withName(item.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            removed.add(kind + " " + namespace + "/" + item.getMetadata().getName());
        }
        return removed;
    }

    private static boolean createdBefore(HasMetadata item, Instant before) {
        String created = item.getMetadata().getCreationTimestamp();
        if (created == null) {
            return false;                                // cannot tell: it may be this process's own
        }
        try {
            return Instant.parse(created).isBefore(before);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
