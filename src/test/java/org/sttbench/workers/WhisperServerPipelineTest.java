package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.cli.ExitCode;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.image.ServiceImageBuilder;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.RbacDispatcher;
import org.sttbench.exec.kubernetes.RbacMockCluster;
import org.sttbench.models.ModelInfo;
import org.sttbench.pipeline.ExecutorRegistry;
import org.sttbench.pipeline.PipelineApp;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.WhisperCpp;

/**
 * whisper.cpp's own server as the service under test, built from source by bench/whisper-cpp.sh: the same
 * plan (cpu_scaling, threads and workers) on the docker executor (a locally packaged image), the local
 * executor (the native binary under the CPU limiter) and the kubernetes executor (mock API server, test
 * kubelet). Every run must give speedup and efficiency per CPU count from the service's own figures, and
 * the reports and the generated Deployment must name the service and its thread setting.
 */
@Tag("docker")
class WhisperServerPipelineTest {
    private static final String PLAN = """
            name: %s
            model: %s
            audio: test_audio/en_5s.wav
            executor: %s
            service:
              name: whisper-server
              image: %s
              command: %s
              args: ["-m", "{model}", "--host", "0.0.0.0", "--port", "{port}", "-t", "{threads}", "-nf"]
              # OpenMP's spinning threads stall a request for many seconds on a busy machine; passive waits do not
              env: { OMP_WAIT_POLICY: passive }
              port: 8080
              health: { path: /health }
              api: whispercpp
              decode: { temperature_inc: 0, sampling: greedy }
            suites:
              cpu_scaling: { cpus: [1, 2], iterations: 2, warmup: 1 }
              threads: { cpus: 1, threads: [1, 2], iterations: 2, warmup: 1 }
              workers: { counts: [1, 2], requests_per_worker: 2, concurrency: 1, cpus: 1 }
            """;

    @Test
    void dockerExecutorMeasuresTheWhisperServerImage(@TempDir Path dir) throws Exception {
        String image = image();
        ModelInfo model = DockerTestSupport.model("micro");
        Path plan = Files.writeString(dir.resolve("ws-docker.plan.yaml"),
                PLAN.formatted("ws-docker", model.path(), "docker", image, WhisperCpp.server()));
        String workerImage = DockerTestSupport.workerImage();
        Path outbox = dir.resolve("outbox");
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.outbox", outbox.toString(),
                "sttbench.docker.image-tag", workerImage.substring(workerImage.indexOf(':') + 1)), false)) {
            app.runPlan(plan);
            assertThat(ExitCode.of(app.outcomes().outcome())).isEqualTo(ExitCode.OK);
        }
        RunResult run = checkRun(outbox, "docker", image);
        // CPU/wall came from the engine's stats API: every cpu_scaling unit has it
        for (UnitResult u : run.units()) {
            if (u.unit().suite() == Suite.CPU_SCALING) {
                assertThat(u.usage()).as(u.unit().unitId()).isNotNull();
                assertThat(u.usage().cpuPerWall()).as(u.unit().unitId()).isPositive();
            }
        }
        assertThat(DockerTestSupport.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerExecutor.RUN_LABEL, run.runId())).exec()).isEmpty();
    }

    @Test
    void localExecutorRunsTheNativeBinaryUnderTheCpuLimiter(@TempDir Path dir) throws Exception {
        Path server = WhisperCpp.server();
        ModelInfo model = DockerTestSupport.model("micro");
        Path plan = Files.writeString(dir.resolve("ws-local.plan.yaml"),
                PLAN.formatted("ws-local", model.path(), "local", "unused", server));
        Path outbox = dir.resolve("outbox");
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.outbox", outbox.toString()), false)) {
            app.runPlan(plan);
            assertThat(ExitCode.of(app.outcomes().outcome())).isEqualTo(ExitCode.OK);
        }
        RunResult run = checkRun(outbox, "local", server.toString());
        for (UnitResult u : run.units()) {
            assertThat(u.usage()).as(u.unit().unitId()).isNotNull();
        }
        assertNoChildLeft(server);
    }

    @Test
    void kubernetesExecutorRunsItAsGuaranteedPods(@TempDir Path dir) throws Exception {
        String image = image();
        ModelInfo model = DockerTestSupport.model("micro");
        Path models = DockerTestSupport.modelsClaim(dir, model);
        Path plan = Files.writeString(dir.resolve("ws-k8s.plan.yaml"),
                PLAN.formatted("ws-k8s", model.path(), "kubernetes", image, WhisperCpp.server()));
        Path outbox = dir.resolve("outbox");
        List<HasMetadata> manifests = RbacDispatcher.manifests(Path.of("k8s"));
        String account = RbacDispatcher.cronJobServiceAccount(manifests, "sttbench-nightly");
        try (RbacMockCluster cluster = RbacMockCluster.start("perf", manifests)
                .withKubelet(Map.of("sttbench-models", models), DockerTestSupport.client())) {
            Path token = Files.writeString(dir.resolve("token"), cluster.rbac().tokenFor(account));
            try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                    "sttbench.outbox", outbox.toString(),
                    "sttbench.kubernetes.master-url", cluster.url(),
                    "sttbench.kubernetes.token-file", token.toString(),
                    "sttbench.kubernetes.namespace", "perf",
                    "sttbench.kubernetes.image", DockerTestSupport.workerImage(),
                    "sttbench.kubernetes.models-claim", "sttbench-models"), false)) {
                ExecutorRegistry executors = app.context().getRegistry().lookupByNameAndType("executors", ExecutorRegistry.class);
                ((KubernetesExecutor) executors.get("kubernetes")).podAddresses(cluster.kubelet()::address);
                app.runPlan(plan);
                assertThat(ExitCode.of(app.outcomes().outcome())).as("kubelet: " + cluster.kubeletErrors()).isEqualTo(ExitCode.OK);
            }
            checkRun(outbox, "kubernetes", image);
            KubernetesWorkerFleetTestAccess.assertNothingLeft(cluster);
            assertThat(cluster.rbac().denials()).isEmpty();
        }
    }

    private static String image() {
        return ServiceImageBuilder.build(DockerTestSupport.client(), WhisperCpp.server(), "sttbench-test-whisper-server");
    }

    /** What every executor must give: the service's scaling figures, and reports naming it. */
    private static RunResult checkRun(Path outbox, String executor, String shownAs) throws Exception {
        Path resultsFile = outbox.resolve("latest").resolve(Outbox.RESULTS_FILE);
        RunResult run = Outbox.read(resultsFile);
        assertThat(ResultsSchema.problems(resultsFile)).isEmpty();
        assertThat(run.executor()).isEqualTo(executor);
        assertThat(run.failedUnits()).as(run.units().toString()).isZero();
        JsonNode service = run.analysis().get("service");
        assertThat(service.get("api").asText()).isEqualTo("whispercpp");
        assertThat(service.get("path").asText()).isEqualTo("/inference");
        assertThat(service.get("threads_setting").asText()).isEqualTo("argument -t");
        assertThat(service.get("decode").get("temperature_inc").asInt()).isZero();
        for (UnitResult u : run.units()) {
            assertThat(u.whisperSystemInfo()).contains("whisper-server");
            assertThat(u.measurements()).isNotEmpty();
        }
        JsonNode scaling = run.analysis().get("cpu_scaling");
        assertThat(scaling.toString()).contains("speedup").contains("efficiency");
        JsonNode points = run.analysis().get("workers").get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(1).get("success_rate").asDouble()).isEqualTo(1.0);
        Path runDir = outbox.resolve(run.runId());
        String cpuReport = Files.readString(runDir.resolve("cpu-scaling.md"));
        assertThat(cpuReport).contains("whisper-server").contains(shownAs).contains("threads via argument -t")
                .contains("temperature_inc = 0");
        try (Stream<Path> files = Files.walk(runDir)) {
            Path deployment = files.filter(p -> p.getFileName().toString().equals("deployment.yaml")).findFirst()
                    .orElseThrow(() -> new AssertionError("no deployment.yaml in " + runDir));
            String yaml = Files.readString(deployment);
            if (!executor.equals("local")) {
                assertThat(yaml).contains("image: \"" + shownAs + "\"");
            }
            assertThat(yaml).containsPattern("\"-t\", \"[0-9]+\"").contains("httpGet:")
                    .containsPattern("path: \"\\\\?/health\"");
        }
        return run;
    }

    private static void assertNoChildLeft(Path server) {
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.equals(server.toString())).orElse(false)).toList()).isEmpty();
    }
}
