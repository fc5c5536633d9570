package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.audio.ReferenceTranscripts;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.cli.ExitCode;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.kubernetes.JobSpecs;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.RbacDispatcher;
import org.sttbench.exec.kubernetes.RbacMockCluster;
import org.sttbench.exec.kubernetes.TestScheduler;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.Console;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.TestModels;

/**
 * {@code run --once --plan} as the nightly CronJob runs it, with {@code executor: kubernetes}, against the
 * mock API server with the Role, RoleBinding and ServiceAccount of k8s/ enforced: the app calls the API
 * with the token of the CronJob's service account, every unit runs as a Job whose pod the test kubelet
 * runs in Docker, and the reports are delivered to the outbox.
 */
@Tag("docker")
class KubernetesOnceModeTest {
    private static final String NS = "perf";
    private static final String ROLE = "sttbench-executor";
    private static final List<HasMetadata> MANIFESTS = RbacDispatcher.manifests(Path.of("k8s"));
    private static final String ACCOUNT = RbacDispatcher.cronJobServiceAccount(MANIFESTS, "sttbench-nightly");
    private static final List<String> PROPERTIES = List.of("master-url", "token-file", "namespace", "service-account",
            "image", "models-claim", "audio-claim");

    @TempDir
    Path dir;
    private String image;
    private Path model;
    private Map<String, Path> claims;

    @BeforeEach
    void claims() throws Exception {
        image = DockerTestSupport.workerImage();
        model = TestModels.micro();
        // what the claims hold in a cluster: world-readable files in traversable folders
        Path models = readableDir(dir.resolve("models-claim"));
        Path audio = readableDir(dir.resolve("audio-claim"));
        readableCopy(model, models.resolve(model.getFileName()));
        readableCopy(DockerTestSupport.EN_5S, audio.resolve("en_5s.wav"));
        readableCopy(ReferenceTranscripts.referencePath(DockerTestSupport.EN_5S), audio.resolve("en_5s.txt"));
        claims = Map.of("sttbench-models", models, "sttbench-audio", audio);
    }

    @AfterEach
    void clearProperties() {
        PROPERTIES.forEach(p -> System.clearProperty("sttbench.kubernetes." + p));
    }

    /** The settings a deployment gives the executor, as properties over application.properties. */
    private void configure(RbacMockCluster cluster) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor(ACCOUNT) + "\n");
        Map<String, String> settings = Map.of("master-url", cluster.url(), "token-file", token.toString(),
                "namespace", NS, "service-account", "sttbench-worker", "image", image,
                "models-claim", "sttbench-models", "audio-claim", "sttbench-audio");
        settings.forEach((k, v) -> System.setProperty("sttbench.kubernetes." + k, v));
    }

    /** A plan on the kubernetes executor over the micro model and the 5 s clip; the rest is given. */
    private Path plan(String name, String rest) throws Exception {
        return Files.writeString(dir.resolve(name + ".plan.yaml"), """
                name: %s
                model: %s
                audio: [test_audio/en_5s.wav]
                executor: kubernetes
                """.formatted(name, model) + rest.stripIndent());
    }

    private Console runOnce(Path plan) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        return Console.run("run", "--once", "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString(),
                "--plan", plan.toString(), "--max-time", "PT8M");
    }

    @Test
    void theNightlyPlanRunsEveryUnitAsAJobWithinTheRoleAndDeliversTheReports() throws Exception {
        Path plan = plan("k8s-nightly", """
                suites:
                  latency: { iterations: 2, warmup: 0 }
                  audio: { iterations: 1, warmup: 0 }
                  cpu_scaling: { cpus: [1, 2], iterations: 2, warmup: 0 }
                  threads: { cpus: 1, threads: [1, 2], iterations: 2, warmup: 0 }
                """);
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)
                .withKubelet(claims, DockerTestSupport.client())) {
            configure(cluster);

            Console c = runOnce(plan);

            String context = c.out() + c.err() + "\nkubelet: " + cluster.kubeletErrors()
                    + "\ndenied: " + cluster.rbac().denials();
            assertThat(c.exitCode()).as(context).isEqualTo(ExitCode.OK);
            assertThat(c.out()).as(context).contains("on the kubernetes executor").contains("done: 1 run(s)");

            Path outbox = dir.resolve("outbox");
            RunResult run = Outbox.read(outbox.resolve("latest").resolve(Outbox.RESULTS_FILE));
            for (Path folder : List.of(outbox.resolve(run.runId()), outbox.resolve("latest"))) {
                assertThat(ResultsSchema.problems(folder.resolve(Outbox.RESULTS_FILE))).as(folder.toString()).isEmpty();
                for (String report : List.of("cpu-scaling", "threads", "audio")) {
                    assertThat(folder.resolve(report + ".md")).isNotEmptyFile();
                    assertThat(folder.resolve(report + ".html")).isNotEmptyFile();
                }
            }
            assertThat(run.units()).hasSize(6).allSatisfy(u -> {
                assertThat(u.status()).as(u.unit().unitId() + ": " + u.error()).isEqualTo(UnitResult.OK);
                assertThat(u.executor()).isEqualTo(KubernetesExecutor.NAME);
                assertThat(u.environment().container()).isEqualTo("kubernetes");
            });
            assertThat(run.units()).filteredOn(u -> u.unit().suite() == Suite.CPU_SCALING)
                    .extracting(u -> u.unit().cpuLimit()).containsExactly(1.0, 2.0);
            assertThat(run.units()).filteredOn(u -> u.unit().suite() == Suite.THREADS)
                    .extracting(u -> u.unit().threads()).containsExactlyInAnyOrder(1, 2);
            assertThat(run.units()).extracting(u -> u.unit().suite()).contains(Suite.LATENCY, Suite.AUDIO);

            // every unit was a Job of this run, labelled with it, made with the service account's token
            String runLabel = run.runId();
            List<Job> jobs = cluster.jobsCreated().stream()
                    .filter(j -> j.getMetadata().getLabels().get(JobSpecs.RUN_LABEL) != null)
                    .toList();
            assertThat(jobs).hasSize(6).allSatisfy(j -> {
                assertThat(runLabel).endsWith(j.getMetadata().getLabels().get(JobSpecs.RUN_LABEL));
                assertThat(j.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("sttbench-worker");
            });
            assertThat(jobs.stream().map(j -> j.getMetadata().getLabels().get(JobSpecs.UNIT_LABEL)))
                    .containsExactlyInAnyOrderElementsOf(run.units().stream().map(u -> u.unit().unitId()).toList());
            assertThat(cluster.admin().batch().v1().jobs().inNamespace(NS).list().getItems())
                    .as("finished Jobs are deleted").isEmpty();

            // nothing was refused, and what the app did is what the Role is for
            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.rbac().used(cluster.rbac().user(ACCOUNT))).contains("list batch/jobs", "create batch/jobs",
                    "watch batch/jobs", "get batch/jobs", "delete batch/jobs", "list pods", "get pods/log");
            assertThat(cluster.kubeletErrors()).isEmpty();
        }
    }

    /**
     * Three nodes (two instance types), six units, {@code parallel: auto}: the scheduler never puts two units
     * on one node, so at most three run at once, in about two waves; the results keep the plan's order and
     * name each unit's node.
     */
    @Test
    void aParallelPlanRunsOneUnitPerNodeAtATimeAndKeepsThePlansOrder() throws Exception {
        Path plan = plan("k8s-wide", """
                parallel: auto
                suites:
                  threads: { cpus: 0.5, threads: [1, 2, 3, 4, 5, 6], iterations: 1, warmup: 0 }
                """);
        List<Node> nodes = List.of(
                TestScheduler.node("node-a", "m5.large", "zone-a", 2, Map.of(), List.of()),
                TestScheduler.node("node-b", "m5.large", "zone-b", 2, Map.of(), List.of()),
                TestScheduler.node("node-c", "c6i.large", "zone-c", 2, Map.of(), List.of()));
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, MANIFESTS)
                .withKubelet(claims, DockerTestSupport.client(), nodes)) {
            configure(cluster);

            Console c = runOnce(plan);

            String context = c.out() + c.err() + "\nkubelet: " + cluster.kubeletErrors()
                    + "\ndenied: " + cluster.rbac().denials();
            assertThat(c.exitCode()).as(context).isEqualTo(ExitCode.OK);
            List<TestScheduler.PodRun> runs = cluster.kubelet().scheduler().runs();
            assertThat(runs).as(context).hasSize(6).allSatisfy(r -> assertThat(r.end()).isNotNull());
            // overlap facts from the pods' start and end times
            int most = 0;
            for (TestScheduler.PodRun r : runs) {
                long atOnce = runs.stream().filter(o -> !o.start().isAfter(r.start()) && o.end().isAfter(r.start())).count();
                most = Math.max(most, (int) atOnce);
                assertThat(runs).filteredOn(o -> o != r && o.node().equals(r.node()))
                        .as("pods on " + r.node() + " never overlap")
                        .allSatisfy(o -> assertThat(!o.end().isAfter(r.start()) || !r.end().isAfter(o.start())).isTrue());
            }
            assertThat(most).as("pods of the run at once").isBetween(2, 3);
            assertThat(runs.stream().map(TestScheduler.PodRun::node).distinct()).as("every node took units")
                    .containsExactlyInAnyOrder("node-a", "node-b", "node-c");
            // the run's span is shorter than its units one after the other: about two unit times, not six
            Instant first = runs.stream().map(TestScheduler.PodRun::start).min(Instant::compareTo).orElseThrow();
            Instant last = runs.stream().map(TestScheduler.PodRun::end).max(Instant::compareTo).orElseThrow();
            Duration busy = runs.stream().map(r -> Duration.between(r.start(), r.end())).reduce(Duration.ZERO, Duration::plus);
            assertThat(Duration.between(first, last)).isLessThan(busy);

            RunResult run = Outbox.read(dir.resolve("outbox").resolve("latest").resolve(Outbox.RESULTS_FILE));
            assertThat(ResultsSchema.problems(dir.resolve("outbox").resolve("latest").resolve(Outbox.RESULTS_FILE)))
                    .isEmpty();
            assertThat(run.units()).extracting(u -> u.unit().threads()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(run.units()).allSatisfy(u -> {
                assertThat(u.status()).as(u.unit().unitId() + ": " + u.error()).isEqualTo(UnitResult.OK);
                assertThat(u.placement().node()).isIn("node-a", "node-b", "node-c");
                assertThat(u.placement().instanceType()).isIn("m5.large", "c6i.large");
                assertThat(u.placement().zone()).startsWith("zone-");
                assertThat(u.placement().cpuModel()).isEqualTo(u.environment().cpuModel()).isNotBlank();
                assertThat(u.placement().attempts()).isEqualTo(1);
            });
            assertThat(run.notes()).anySatisfy(n -> assertThat(n).contains("threads curve of")
                    .contains("mixes instance types").contains("c6i.large").contains("m5.large"));
            assertThat(dir.resolve("outbox").resolve("latest").resolve("threads.md")).content()
                    .contains("mixes instance types");
            assertThat(cluster.jobsCreated()).allSatisfy(j -> assertThat(j.getSpec().getTemplate().getSpec()
                    .getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                    .singleElement().satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname")));
            assertThat(cluster.admin().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(cluster.rbac().denials()).isEmpty();
            assertThat(cluster.rbac().used(cluster.rbac().user(ACCOUNT))).contains("list nodes");
        }
    }

    @Test
    void aRoleWithoutPodLogFailsTheRunWithOneLineNamingIt() throws Exception {
        List<HasMetadata> manifests = RbacDispatcher.withRole(MANIFESTS, ROLE, role -> new RoleBuilder(role)
                .removeMatchingFromRules(r -> r.getResources().contains("pods/log")).build());
        Path plan = plan("k8s-nolog", """
                suites:
                  latency: { iterations: 1, warmup: 0 }
                """);
        try (RbacMockCluster cluster = RbacMockCluster.start(NS, manifests)
                .withKubelet(claims, DockerTestSupport.client())) {
            configure(cluster);

            Console c = runOnce(plan);

            String context = c.out() + c.err();
            assertThat(c.exitCode()).as(context).isEqualTo(ExitCode.FAILED);
            String forbidden = "cannot get resource \"pods/log\" in API group \"\" in the namespace \"" + NS + "\"";
            // the console's line for the unit says what was refused, on one line
            List<String> lines = c.out().lines().filter(l -> l.contains("forbidden (403)")).toList();
            assertThat(lines).as(context).singleElement().satisfies(line -> assertThat(line)
                    .contains("failed").contains("cannot read the log of pod").contains(forbidden));
            assertThat(c.out()).contains("finished with failures");

            // the unit is in the results, failed with that reason; the reports were still delivered
            Path outbox = dir.resolve("outbox");
            RunResult run = Outbox.read(outbox.resolve("latest").resolve(Outbox.RESULTS_FILE));
            assertThat(run.units()).singleElement().satisfies(u -> {
                assertThat(u.status()).isEqualTo(UnitResult.FAILED);
                assertThat(u.error()).contains(forbidden).doesNotContain("\n");
            });
            assertThat(outbox.resolve(run.runId()).resolve(Outbox.RESULTS_FILE)).exists();

            Set<String> denied = cluster.rbac().denials().stream().map(d -> d.code() + " " + d.request().permission())
                    .collect(Collectors.toSet());
            assertThat(denied).containsExactly("403 get pods/log");
            assertThat(cluster.admin().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    private static Path readableDir(Path path) throws Exception {
        Files.createDirectories(path);
        // the worker runs as another user; the folder is bound into its container, so only it must be open
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private static void readableCopy(Path from, Path to) throws Exception {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
