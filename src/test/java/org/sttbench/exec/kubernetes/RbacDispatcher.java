package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Kubernetes' authentication and RBAC authorization in front of the mock API server's dispatcher: every
 * request must carry a bearer token the server issued, and a service account's request must be allowed
 * by a rule of a Role bound to it in the request's namespace, else the answer is 401 or 403 with the
 * Status body a real API server sends. Roles, RoleBindings and ServiceAccounts are the manifests under
 * k8s/ as `kubectl apply -n NAMESPACE -k k8s` would create them.
 *
 * <p>What the server does for the cluster itself (the test kubelet creating pods, setting status, tests
 * looking at Jobs) goes with {@link #adminToken()}, which is allowed everything, as the controllers are.
 */
public final class RbacDispatcher extends Dispatcher {
    /** Paths any authenticated client may read (the system:discovery and system:public-info-viewer roles). */
    private static final Set<String> DISCOVERY = Set.of("/api", "/apis", "/version", "/healthz", "/livez", "/readyz");

    /** A request as the authorizer sees it. */
    public record Attributes(String verb, String apiGroup, String resource, String subresource, String namespace,
                             String name, String path) {
        public boolean isResourceRequest() {
            return resource != null;
        }

        /** "pods/log", "jobs". */
        public String fullResource() {
            return subresource == null ? resource : resource + "/" + subresource;
        }

        /** "get pods/log", "create batch/jobs", as the tests name a permission. */
        public String permission() {
            return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + fullResource();
        }
    }

    /** A request that was refused, with the user it came from. */
    public record Denial(String user, Attributes request, int code, String message) {
    }

    private final Dispatcher delegate;
    private final String namespace;
    private final List<Role> roles;
    private final List<RoleBinding> bindings;
    private final List<ClusterRole> clusterRoles;
    private final List<ClusterRoleBinding> clusterBindings;
    private final Set<String> serviceAccounts;
    private final String adminToken = "admin-" + UUID.randomUUID();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Denial> denials = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> used = new ConcurrentHashMap<>();

    /**
     * @param delegate  what serves the allowed requests (the CRUD dispatcher of the mock server)
     * @param namespace the namespace the manifests are applied to
     * @param rbac      Roles, RoleBindings and ServiceAccounts, without namespace or in this one
     */
    public RbacDispatcher(Dispatcher delegate, String namespace, List<HasMetadata> rbac) {
        this.delegate = delegate;
        this.namespace = namespace;
        this.roles = rbac.stream().filter(Role.class::isInstance).map(Role.class::cast).filter(this::inNamespace).toList();
        this.bindings = rbac.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .filter(this::inNamespace).toList();
        this.clusterRoles = rbac.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).toList();
        this.clusterBindings = rbac.stream().filter(ClusterRoleBinding.class::isInstance)
                .map(ClusterRoleBinding.class::cast).toList();
        this.serviceAccounts = Set.copyOf(rbac.stream().filter(ServiceAccount.class::isInstance)
                .filter(this::inNamespace).map(sa -> sa.getMetadata().getName()).toList());
    }

    private boolean inNamespace(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() || ns.equals(namespace);
    }

    /** The objects of kinds RBAC needs (and the CronJob that names the identity) from every manifest in dir. */
    public static List<HasMetadata> manifests(Path dir) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = serialization.unmarshal(in);
                    if (parsed instanceof List<?> list) {
                        list.forEach(o -> objects.add((HasMetadata) o));
                    } else {
                        objects.add((HasMetadata) parsed);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects.stream().filter(o -> o instanceof Role || o instanceof RoleBinding || o instanceof ServiceAccount
                || o instanceof CronJob || o instanceof ClusterRole || o instanceof ClusterRoleBinding).toList();
    }

    /** The same manifests without the objects of one kind and name, e.g. a binding taken out. */
    public static List<HasMetadata> without(List<HasMetadata> manifests, String kind, String name) {
        return manifests.stream().filter(o -> !(o.getKind().equals(kind) && o.getMetadata().getName().equals(name)))
                .toList();
    }

    /** The same manifests with one Role changed, e.g. a rule taken out. */
    public static List<HasMetadata> withRole(List<HasMetadata> manifests, String name, UnaryOperator<Role> change) {
        return manifests.stream().map(o -> o instanceof Role r && r.getMetadata().getName().equals(name)
                ? (HasMetadata) change.apply(r) : o).toList();
    }

    /** The service account the CronJob named runs as (its pods get that account's token). */
    public static String cronJobServiceAccount(List<HasMetadata> manifests, String cronJob) {
        return manifests.stream().filter(CronJob.class::isInstance).map(CronJob.class::cast)
                .filter(c -> c.getMetadata().getName().equals(cronJob)).findFirst()
                .map(c -> c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getServiceAccountName())
                .orElseThrow(() -> new IllegalArgumentException("no CronJob " + cronJob + " in the manifests"));
    }

    /** A token for a service account of the manifests, as the kubelet mounts into its pods. */
    public String tokenFor(String serviceAccount) {
        if (!serviceAccounts.contains(serviceAccount)) {
            throw new IllegalArgumentException("no ServiceAccount " + serviceAccount + " in the manifests");
        }
        String token = "sa-" + serviceAccount + "-" + UUID.randomUUID();
        tokens.put(token, user(serviceAccount));
        return token;
    }

    public String adminToken() {
        return adminToken;
    }

    public String user(String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    public List<Denial> denials() {
        return List.copyOf(denials);
    }

    /** The permissions a user's allowed requests used ("list batch/jobs", "get pods/log"). */
    public Set<String> used(String user) {
        return Set.copyOf(used.getOrDefault(user, Set.of()));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Attributes attributes = attributes(request.getMethod(), request.getPath());
        String token = bearer(request.getHeader("Authorization"));
        if (adminToken.equals(token)) {
            return delegate.dispatch(request);
        }
        String user = token == null ? null : tokens.get(token);
        if (user == null) {
            denials.add(new Denial(null, attributes, 401, "Unauthorized"));
            return status(401, "Unauthorized", "Unauthorized", null);
        }
        if (!allowed(user, attributes)) {
            String message = forbiddenMessage(user, attributes);
            denials.add(new Denial(user, attributes, 403, message));
            return status(403, "Forbidden", message, attributes);
        }
        used.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet())
                .add(attributes.isResourceRequest() ? attributes.permission() : "get " + attributes.path());
        return delegate.dispatch(request);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    boolean allowed(String user, Attributes a) {
        if (!a.isResourceRequest()) {
            return "get".equals(a.verb()) && (DISCOVERY.contains(a.path()) || a.path().startsWith("/api/")
                    || a.path().startsWith("/apis/") || a.path().startsWith("/openapi/"));
        }
        if (a.namespace() == null) {
            // cluster-scoped resources (nodes) only through a ClusterRole bound by a ClusterRoleBinding
            return clusterBindings.stream().filter(b -> binds(b.getSubjects(), user))
                    .map(b -> clusterRoles.stream().filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName()))
                            .findFirst())
                    .flatMap(Optional::stream)
                    .flatMap(r -> r.getRules() == null ? Stream.empty() : r.getRules().stream())
                    .anyMatch(rule -> matches(rule, a));
        }
        // a Role only grants in its own namespace
        if (!namespace.equals(a.namespace())) {
            return false;
        }
        return bindings.stream().filter(b -> binds(b.getSubjects(), user)).map(this::role).flatMap(Optional::stream)
                .flatMap(r -> r.getRules() == null ? Stream.empty() : r.getRules().stream())
                .anyMatch(rule -> matches(rule, a));
    }

    private boolean binds(List<Subject> subjects, String user) {
        for (Subject s : subjects == null ? List.<Subject>of() : subjects) {
            // a ServiceAccount subject without namespace means the binding's own (kustomize sets the
            // deployment's namespace on a ClusterRoleBinding's subjects as well)
            String ns = s.getNamespace() == null || s.getNamespace().isEmpty() || "default".equals(s.getNamespace())
                    ? namespace : s.getNamespace();
            if ("ServiceAccount".equals(s.getKind()) && user.equals("system:serviceaccount:" + ns + ":" + s.getName())) {
                return true;
            }
            if ("User".equals(s.getKind()) && user.equals(s.getName())) {
                return true;
            }
        }
        return false;
    }

    private Optional<Role> role(RoleBinding binding) {
        // a ClusterRole referenced from a RoleBinding would be looked up cluster-wide: none is deployed
        if (!"Role".equals(binding.getRoleRef().getKind())) {
            return Optional.empty();
        }
        return roles.stream().filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName())).findFirst();
    }

    static boolean matches(PolicyRule rule, Attributes a) {
        List<String> groups = rule.getApiGroups() == null ? List.of() : rule.getApiGroups();
        List<String> resources = rule.getResources() == null ? List.of() : rule.getResources();
        List<String> verbs = rule.getVerbs() == null ? List.of() : rule.getVerbs();
        List<String> names = rule.getResourceNames() == null ? List.of() : rule.getResourceNames();
        boolean group = groups.contains("*") || groups.contains(a.apiGroup());
        boolean resource = resources.contains("*") || resources.contains(a.fullResource())
                || (a.subresource() != null && resources.contains("*/" + a.subresource()))
                || (a.subresource() == null && resources.contains(a.resource() + "/*"));
        boolean verb = verbs.contains("*") || verbs.contains(a.verb());
        boolean name = names.isEmpty() || (a.name() != null && names.contains(a.name()));
        return group && resource && verb && name;
    }

    /** What Kubernetes' request info resolver makes of a method and path (with its query). */
    static Attributes attributes(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        boolean watchParam = Arrays.stream(query.split("&"))
                .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return new Attributes(method.toLowerCase(Locale.ROOT), "", null, null, null, null, path);
        }
        if (rest.isEmpty()) {
            return new Attributes(method.toLowerCase(Locale.ROOT), group, null, null, null, null, path);
        }
        boolean legacyWatch = rest.get(0).equals("watch");
        if (legacyWatch) {
            rest = rest.subList(1, rest.size());
        }
        String ns = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            ns = rest.get(1);
            rest = rest.subList(2, rest.size());
        } else if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() == 2) {
            ns = rest.get(1);
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? rest.get(2) : null;
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> legacyWatch || watchParam ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return new Attributes(verb, group, resource, subresource, ns, name, path);
    }

    /** Word for word what the API server says, e.g. {@code pods "x" is forbidden: User "..." cannot get resource "pods/log" ...}. */
    static String forbiddenMessage(String user, Attributes a) {
        if (!a.isResourceRequest()) {
            return "forbidden: User \"" + user + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
        }
        String qualified = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
        String object = a.name() == null ? qualified : qualified + " \"" + a.name() + "\"";
        String scope = a.namespace() == null ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\"";
        return object + " is forbidden: User \"" + user + "\" cannot " + a.verb() + " resource \"" + a.fullResource()
                + "\" in API group \"" + a.apiGroup() + "\"" + scope;
    }

    private static MockResponse status(int code, String reason, String message, Attributes a) {
        StatusBuilder status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message).withNewMetadata().endMetadata();
        if (a != null && a.isResourceRequest()) {
            status.withNewDetails().withName(a.name()).withGroup(a.apiGroup()).withKind(a.resource()).endDetails();
        }
        String body = new KubernetesSerialization().asJson(status.build());
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
