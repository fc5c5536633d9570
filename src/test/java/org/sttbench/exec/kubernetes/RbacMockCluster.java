package org.sttbench.exec.kubernetes;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster for end-to-end tests of the Kubernetes executor: the fabric8 mock API server in CRUD mode
 * behind {@link RbacDispatcher} (the manifests' Roles enforced), a {@link TestKubelet} running each Job's
 * pod in Docker, and a record of every Job created.
 */
public final class RbacMockCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final RbacDispatcher rbac;
    private final KubernetesClient admin;
    private final String namespace;
    private final List<Job> jobsCreated = new CopyOnWriteArrayList<>();
    private final Watch jobWatch;
    private TestKubelet kubelet;

    private RbacMockCluster(String namespace, List<HasMetadata> manifests) {
        this.namespace = namespace;
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        rbac = new RbacDispatcher(new KubernetesMixedDispatcher(responses), namespace, manifests);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses, rbac,
                false);
        server.init();
        admin = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/"))
                .withOauthToken(rbac.adminToken())
                .withNamespace(namespace)
                .withTrustCerts(true)
                .withRequestRetryBackoffLimit(0)
                .build()).build();
        jobWatch = admin.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED) {
                    jobsCreated.add(job);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** The API server with the RBAC manifests applied to namespace; no kubelet yet. */
    public static RbacMockCluster start(String namespace, List<HasMetadata> manifests) {
        return new RbacMockCluster(namespace, manifests);
    }

    /** Runs Jobs' pods in Docker, with each PersistentVolumeClaim name bound to a host folder. */
    public RbacMockCluster withKubelet(Map<String, Path> claims, DockerClient docker) {
        kubelet = new TestKubelet(server, admin, namespace, claims, docker).start();
        return this;
    }

    /** As {@link #withKubelet(Map, DockerClient)} on a cluster of these nodes, placed by a {@link TestScheduler}. */
    public RbacMockCluster withKubelet(Map<String, Path> claims, DockerClient docker, List<Node> nodes) {
        kubelet = new TestKubelet(server, admin, namespace, claims, docker).withNodes(nodes).start();
        return this;
    }

    public String url() {
        return server.url("/");
    }

    public RbacDispatcher rbac() {
        return rbac;
    }

    /** A client allowed everything: what the cluster's controllers and the tests use. */
    public KubernetesClient admin() {
        return admin;
    }

    /** Every Job created in the namespace, as it was created. */
    public List<Job> jobsCreated() {
        return List.copyOf(jobsCreated);
    }

    /** The test kubelet, when {@link #withKubelet} started one. */
    public TestKubelet kubelet() {
        return kubelet;
    }

    public List<Throwable> kubeletErrors() {
        return kubelet == null ? List.of() : kubelet.errors();
    }

    @Override
    public void close() {
        if (kubelet != null) {
            kubelet.close();
        }
        jobWatch.close();
        admin.close();
        server.destroy();
    }
}
