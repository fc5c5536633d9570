package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.sttbench.exec.ExecutorUnavailableException;

/**
 * The connection side of the kubernetes executor: the API client (connected on first use), the namespace
 * Jobs go to, the camel-kubernetes producer bound to that client, the readiness check, and API errors
 * turned into one line that says what to fix. What goes into a Job is {@link JobSpecs}; running one is
 * {@link KubernetesExecutor}.
 */
public final class KubernetesCluster implements AutoCloseable {
    private static final String CLIENT_BEAN = "sttbenchKubernetesClient";

    private final KubernetesSettings settings;
    private final CamelContext givenContext;
    private KubernetesClient client;
    private boolean ownClient;
    private CamelContext camel;
    private ProducerTemplate producer;

    /** @param client the client to use, null to connect on first use; camel null for a private context */
    public KubernetesCluster(KubernetesSettings settings, KubernetesClient client, CamelContext camel) {
        this.settings = settings;
        this.client = client;
        this.givenContext = camel;
    }

    /** The client (connected on first use); not to be closed by callers. */
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

    /** A producer for {@code kubernetes-job:} endpoints made with {@link #endpoint}, bound to this client. */
    synchronized ProducerTemplate producer() {
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

    /** The camel-kubernetes Job endpoint for an operation (createJob, getJob), using this client. */
    static String endpoint(String operation) {
        return "kubernetes-job:///?kubernetesClient=#" + CLIENT_BEAN + "&operation=" + operation;
    }

    /** A cheap call that needs the same rights as a run: list one Job in the namespace. */
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

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
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

    static String firstLine(String message) {
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
