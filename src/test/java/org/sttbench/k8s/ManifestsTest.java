package org.sttbench.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sttbench.Json;
import org.sttbench.plan.PlanLoader;

/**
 * Every manifest under k8s/ parsed with fabric8, and the rules the deployment promises checked on what
 * was parsed: least-privilege RBAC, a hardened security context on every pod, Guaranteed QoS where
 * measurements run, pinned images, a non-overlapping CronJob running {@code run --once}.
 */
class ManifestsTest {
    static final Path K8S = Path.of("k8s");
    static final Path CONFIG = K8S.resolve("config");
    /** file -> the objects in it */
    static final Map<Path, List<HasMetadata>> MANIFESTS = new LinkedHashMap<>();

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(ManifestsTest::isManifest).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = serialization.unmarshal(in);
                    List<HasMetadata> objects = new ArrayList<>();
                    if (parsed instanceof List<?> list) {
                        list.forEach(o -> objects.add((HasMetadata) o));
                    } else {
                        objects.add((HasMetadata) parsed);
                    }
                    MANIFESTS.put(file, objects);
                }
            }
        }
    }

    static boolean isManifest(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))
                && !name.equals("kustomization.yaml") && !p.startsWith(CONFIG);
    }

    static List<HasMetadata> all() {
        return MANIFESTS.values().stream().flatMap(List::stream).toList();
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in k8s/"));
    }

    /** Every pod template with where it comes from. */
    static Map<String, PodSpec> podSpecs() {
        Map<String, PodSpec> specs = new LinkedHashMap<>();
        all(Pod.class).forEach(p -> specs.put("Pod/" + p.getMetadata().getName(), p.getSpec()));
        all(Deployment.class).forEach(d -> specs.put("Deployment/" + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec()));
        all(Job.class).forEach(j -> specs.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec()));
        all(CronJob.class).forEach(c -> specs.put("CronJob/" + c.getMetadata().getName(),
                c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        return specs;
    }

    static List<Container> containers(PodSpec spec) {
        List<Container> list = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            list.addAll(spec.getInitContainers());
        }
        return list;
    }

    @Test
    void everyFileParsesIntoKnownKubernetesTypes() {
        assertThat(MANIFESTS).hasSizeGreaterThanOrEqualTo(8);
        assertThat(all()).noneMatch(GenericKubernetesResource.class::isInstance);
        assertThat(all()).allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank());
        assertThat(all().stream().map(HasMetadata::getKind).collect(Collectors.toSet())).contains("ServiceAccount",
                "Role", "RoleBinding", "PersistentVolumeClaim", "CronJob", "Pod", "Deployment", "Service",
                "HorizontalPodAutoscaler");
    }

    @Test
    void rolesHaveNoWildcardAndGrantExactlyWhatTheKubernetesExecutorNeeds() {
        // cluster-wide: only reading nodes (cluster-scoped, so no Role can grant it), bound to sttbench alone
        assertThat(all(ClusterRole.class)).singleElement().satisfies(r -> {
            assertThat(r.getMetadata().getName()).isEqualTo("sttbench-nodes");
            assertThat(r.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getApiGroups()).containsExactly("");
                assertThat(rule.getResources()).containsExactly("nodes");
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list");
            });
        });
        assertThat(all(ClusterRoleBinding.class)).singleElement().satisfies(b -> {
            assertThat(b.getRoleRef().getName()).isEqualTo("sttbench-nodes");
            assertThat(b.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("sttbench"));
        });
        List<Role> roles = all(Role.class);
        assertThat(roles).isNotEmpty();
        for (Role role : roles) {
            for (PolicyRule rule : role.getRules()) {
                Stream.of(rule.getVerbs(), rule.getResources(), rule.getApiGroups(), rule.getResourceNames(),
                                rule.getNonResourceURLs())
                        .filter(Objects::nonNull).flatMap(List::stream)
                        .forEach(v -> assertThat(v).as("in Role " + role.getMetadata().getName()).doesNotContain("*"));
            }
        }
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : one(Role.class, "sttbench-executor").getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add((group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        assertThat(grants).containsExactlyInAnyOrder(
                "batch/jobs:create", "batch/jobs:get", "batch/jobs:list", "batch/jobs:watch", "batch/jobs:delete",
                "core/pods:get", "core/pods:list", "core/pods:watch",
                "core/pods/log:get",
                "apps/deployments:create", "apps/deployments:get", "apps/deployments:list", "apps/deployments:delete",
                "core/services:create", "core/services:list", "core/services:delete");

        RoleBinding binding = one(RoleBinding.class, "sttbench-executor");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("sttbench-executor");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("sttbench");
        });
        one(ServiceAccount.class, "sttbench");
    }

    @Test
    void everyPodRunsAsNonRootWithoutPrivilegesOnAReadOnlyRootWithAWritableTmp() {
        Map<String, PodSpec> specs = podSpecs();
        assertThat(specs).containsKeys("Pod/sttbench-bench", "Deployment/sttbench-worker", "CronJob/sttbench-nightly",
                "Job/sttbench-model-pull");
        specs.forEach((where, spec) -> {
            PodSecurityContext pod = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
            for (Container c : containers(spec)) {
                String at = where + " container " + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(at + " securityContext").isNotNull();
                assertThat(first(sc.getRunAsNonRoot(), pod.getRunAsNonRoot())).as(at + " runAsNonRoot").isTrue();
                Long uid = first(sc.getRunAsUser(), pod.getRunAsUser());
                assertThat(uid).as(at + " runAsUser").isNotNull().isPositive();
                assertThat(sc.getAllowPrivilegeEscalation()).as(at + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(at + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getPrivileged()).as(at + " privileged").isNotEqualTo(Boolean.TRUE);
                String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                        : pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType();
                assertThat(seccomp).as(at + " seccompProfile").isEqualTo("RuntimeDefault");
                assertThat(sc.getCapabilities()).as(at + " capabilities").isNotNull();
                assertThat(sc.getCapabilities().getDrop()).as(at + " capabilities.drop").contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(at + " capabilities.add").isNullOrEmpty();
                // ffmpeg and the whisper natives are unpacked into java.io.tmpdir
                String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .map(m -> m.getName()).findFirst().orElse(null);
                assertThat(tmpVolume).as(at + " mounts a writable /tmp").isNotNull();
                Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as(at + " /tmp is an emptyDir").isNotNull();
            }
        });
    }

    @Test
    void everyImageIsPinnedToATag() {
        podSpecs().forEach((where, spec) -> containers(spec).forEach(c -> {
            String image = c.getImage();
            String afterSlash = image.substring(image.lastIndexOf('/') + 1);
            assertThat(afterSlash).as(where + " image " + image + " has a tag or digest").containsAnyOf(":", "@");
            assertThat(image).as(where + " image").doesNotEndWith(":latest");
        }));
    }

    @Test
    void measuringContainersHaveGuaranteedResources() {
        Pod bench = one(Pod.class, "sttbench-bench");
        assertThat(bench.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertGuaranteed("bench pod", bench.getSpec());
        CronJob cron = one(CronJob.class, "sttbench-nightly");
        assertGuaranteed("CronJob", cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        assertGuaranteed("worker Deployment", one(Deployment.class, "sttbench-worker").getSpec().getTemplate().getSpec());
    }

    static void assertGuaranteed(String what, PodSpec spec) {
        for (Container c : containers(spec)) {
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(limits).as(what + " limits").containsKeys("cpu", "memory");
            assertThat(requests).as(what + " requests = limits").isEqualTo(limits);
        }
    }

    @Test
    void theCronJobRunsOnceNeverOverlapsAndCannotPileUp() {
        CronJob cron = one(CronJob.class, "sttbench-nightly");
        var spec = cron.getSpec();
        assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(spec.getStartingDeadlineSeconds()).isPositive();
        assertThat(spec.getSuccessfulJobsHistoryLimit()).isBetween(1, 10);
        assertThat(spec.getFailedJobsHistoryLimit()).isBetween(1, 10);
        var job = spec.getJobTemplate().getSpec();
        assertThat(job.getBackoffLimit()).isNotNull();
        assertThat(job.getActiveDeadlineSeconds()).isPositive();
        PodSpec pod = job.getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("sttbench");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container container = pod.getContainers().get(0);
        List<String> command = new ArrayList<>();
        if (container.getCommand() != null) {
            command.addAll(container.getCommand());
        }
        command.addAll(container.getArgs());
        assertThat(String.join(" ", command)).contains("run --once");
    }

    @Test
    void theHpaIsAutoscalingV2WithBehaviour() {
        HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, "sttbench-worker");
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getBehavior()).isNotNull();
        assertThat(hpa.getSpec().getBehavior().getScaleUp()).isNotNull();
        assertThat(hpa.getSpec().getBehavior().getScaleDown()).isNotNull();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("sttbench-worker");
        assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
    }

    @Test
    void kustomizationsListEveryManifestAndPinTheImage() throws IOException {
        for (Path kustomization : List.of(K8S.resolve("kustomization.yaml"), K8S.resolve("model-pull/kustomization.yaml"))) {
            JsonNode k = Json.yaml().readTree(kustomization.toFile());
            Set<String> listed = new TreeSet<>();
            k.path("resources").forEach(r -> listed.add(r.asText()));
            Set<String> present;
            try (Stream<Path> files = Files.list(kustomization.getParent())) {
                present = files.filter(ManifestsTest::isManifest).map(p -> p.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertThat(listed).as(kustomization + " resources").isEqualTo(present);
            assertThat(k.path("images")).isNotEmpty();
            k.path("images").forEach(i -> {
                assertThat(i.path("newTag").asText()).isNotBlank().isNotEqualTo("latest");
            });
        }
    }

    @Test
    void theConfigMapPlansAreValidPlans() throws IOException {
        try (Stream<Path> plans = Files.list(CONFIG.resolve("plans"))) {
            List<Path> files = plans.toList();
            assertThat(files).isNotEmpty();
            files.forEach(f -> assertThat(new PlanLoader().load(f).name()).isNotBlank());
        }
        assertThat(Files.readString(CONFIG.resolve("application.properties"))).contains("sttbench.inbox = /data/inbox");
    }

    @Test
    void kubectlBuildsTheKustomizations() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"),
                "kubectl is not installed: `kubectl kustomize k8s` not checked (the manifests were still parsed)");
        for (Path dir : List.of(K8S, K8S.resolve("model-pull"))) {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize " + dir + ":\n" + out).isZero();
            Object built = new KubernetesSerialization().unmarshal(out);
            assertThat(built).isNotNull();
            if (dir.equals(K8S)) {
                assertThat(out).contains("kind: CronJob").contains("name: sttbench-config")
                        .contains("image: sttbench-worker:0.1.0").contains("app.kubernetes.io/part-of: sttbench");
            }
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @SafeVarargs
    static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
