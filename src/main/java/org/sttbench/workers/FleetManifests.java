package org.sttbench.workers;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.exec.kubernetes.JobSpecs;
import org.sttbench.exec.kubernetes.KubernetesSettings;

/**
 * The objects of one fleet: its Deployment and its Service, both named {@code name}, labelled with the run,
 * the fleet and the inbox instance (so a killed run's leftovers are found), and selecting the fleet's pods.
 *
 * @param name          the Deployment's and the Service's name
 * @param fleetId       the fleet label's value
 * @param namespace     where both are created
 * @param image         the image the pods run
 * @param runId         put on every object as {@link JobSpecs#RUN_LABEL}
 * @param modelInPod    the {model} placeholder: the model file's path inside a pod
 * @param cpusPerWorker CPU request and limit of each replica
 * @param threads       the {threads} placeholder
 * @param definition    what each pod runs
 * @param settings      memory, pull policy, service account and the models claim
 */
record FleetManifests(String name, String fleetId, String namespace, String image, String runId, String modelInPod,
                      double cpusPerWorker, int threads, ServiceDefinition definition, KubernetesSettings settings) {
    /** The user of the worker image; pods run as it, never as root. */
    static final long USER = 10001;

    /** The labels that pick the fleet's pods: the Deployment's and the Service's selector. */
    Map<String, String> selector() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KubernetesWorkerFleet.FLEET_LABEL, fleetId);
        labels.put(KubernetesWorkerFleet.ROLE_LABEL, KubernetesWorkerFleet.ROLE);
        return labels;
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "sttbench-worker");
        labels.put("app.kubernetes.io/component", KubernetesWorkerFleet.ROLE);
        labels.put(JobSpecs.RUN_LABEL, JobSpecs.labelValue(runId));
        labels.putAll(selector());
        InstanceLabel.addTo(labels);
        return labels;
    }

    /** {@code count} replicas of the service under Guaranteed QoS, non-root, with a readiness probe. */
    Deployment deployment(int count) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", new Quantity(JobSpecs.cpuQuantity(cpusPerWorker)));
        resources.put("memory", new Quantity(settings.memory()));
        ServiceDefinition.Resolved resolved = definition.resolve(
                new ServiceDefinition.Instance(cpusPerWorker, threads, definition.port(), modelInPod));
        ContainerBuilder container = new ContainerBuilder()
                .withName(KubernetesWorkerFleet.CONTAINER)
                .withImage(image)
                .withImagePullPolicy(settings.pullPolicy())
                .withArgs(resolved.args())
                .addNewPort().withName("http").withContainerPort(definition.port()).endPort()
                .withNewResources().withRequests(resources).withLimits(resources).endResources();
        resolved.env().forEach((k, v) -> container.addNewEnv().withName(k).withValue(v).endEnv());
        if (definition.healthPath() != null) {
            // the health path answers 503 until the model is loaded (sttbench serve, whisper.cpp's server)
            container.withNewReadinessProbe().withNewHttpGet().withPath(definition.healthPath())
                    .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(2).withFailureThreshold(3)
                    .endReadinessProbe();
        } else {
            // no health path: Ready once it listens; the first transcription from here decides the rest
            container.withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket()
                    .withPeriodSeconds(2).withFailureThreshold(3).endReadinessProbe();
        }
        container
                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext();
        PodSpecBuilder pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(USER).withRunAsGroup(USER)
                .withFsGroup(USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext();
        if (settings.serviceAccount() != null && !settings.serviceAccount().isBlank()) {
            pod.withServiceAccountName(settings.serviceAccount());
        }
        JobSpecs.addClaim(pod, container, "models", settings.modelsClaim(), settings.modelsPath());
        // the replicas of a count spread over the nodes (as a scaled-out service would be), where there are
        // several; ScheduleAnyway, so a one-node cluster still runs them all
        pod.addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey(JobSpecs.HOSTNAME)
                .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().withMatchLabels(selector())
                .endLabelSelector().endTopologySpreadConstraint();
        pod.withContainers(container.build());
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels()).endMetadata()
                .withNewSpec()
                .withReplicas(count)
                .withNewSelector().withMatchLabels(selector()).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels()).endMetadata().withSpec(pod.build()).endTemplate()
                .endSpec()
                .build();
    }

    /** A ClusterIP Service over the fleet's pods: one stable name for whoever wants it. */
    Service service() {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels()).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector())
                .addNewPort().withName("http").withPort(definition.port()).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }
}
