package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.Console;
import org.sttbench.testing.ResultsSchema;

/**
 * The demo as a user runs it on a fresh machine: an empty model store, no network. Checks the results
 * and that the report shows the measured numbers, not something else.
 */
class DemoCommandTest {
    @Test
    void demoMakesTheModelRunsThePlanAndReports(@TempDir Path store, @TempDir Path outbox) throws Exception {
        System.setProperty("sttbench.models.dir", store.toString());
        Console c;
        try {
            c = Console.run("demo", "--outbox", outbox.toString());
        } finally {
            System.clearProperty("sttbench.models.dir");
        }
        assertThat(c.exitCode()).as(c.out() + c.err()).isIn(ExitCode.OK, ExitCode.SLO_FAILED);
        assertThat(c.out()).contains("making a synthetic tiny model").contains("results:").contains("report:");
        assertThat(store.resolve("ggml-tiny.bin")).exists();

        Path results;
        try (Stream<Path> runs = Files.list(outbox)) {
            results = runs.filter(p -> p.getFileName().toString().endsWith("-demo")).findFirst().orElseThrow()
                    .resolve(Outbox.RESULTS_FILE);
        }
        RunResult run = Outbox.read(results);
        assertThat(ResultsSchema.problems(results)).as("results.json against its schema").isEmpty();
        assertThat(run.synthetic()).isTrue();
        assertThat(run.units()).extracting(u -> u.unit().suite()).containsExactly(Suite.LATENCY, Suite.AUDIO);
        assertThat(run.units()).allSatisfy(u -> assertThat(u.ok()).as(u.error()).isTrue());

        String report = Files.readString(results.resolveSibling("audio.md"));
        assertThat(report).contains("synthetic weights: timing only, transcripts meaningless");
        List<Measurement> audio = run.units().stream().filter(u -> u.unit().suite() == Suite.AUDIO)
                .flatMap(u -> u.measurements().stream()).toList();
        assertThat(audio).extracting(m -> m.audio().name())
                .containsExactlyInAnyOrder("en_5s.wav", "vi_5s.wav", "en_30s.wav", "en_30s.mp3");
        for (Measurement m : audio) {
            String row = report.lines().filter(l -> l.startsWith("| " + m.audio().name() + " |")).findFirst().orElseThrow();
            assertThat(row).contains(String.format("%.3f", m.rtf())).contains(String.format("%.1f", m.avgLatencyMs()));
        }
        UnitResult latency = run.units().get(0);
        assertThat(latency.measurements().get(0).latency().n()).isEqualTo(5);
        assertThat(report).contains(String.format("%.1f", latency.measurements().get(0).latency().p95Ms()));
        assertThat(results.resolveSibling("audio.html")).content().contains("<svg");
        assertThat(outbox.resolve("history")).isDirectoryContaining(p -> p.getFileName().toString().contains("_tiny_"));

        reportOverTheDemoResultsSizesADeployment(results, outbox.resolveSibling(outbox.getFileName() + "-report"));
    }

    /** `sttbench report` over the demo's results: the decision reports and the three manifests, all parseable. */
    private static void reportOverTheDemoResultsSizesADeployment(Path results, Path out) throws Exception {
        Console c = Console.run("report", results.toString(), "--outbox", out.toString());
        assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(ExitCode.OK);
        Path dir;
        try (Stream<Path> runs = Files.list(out)) {
            dir = runs.filter(p -> p.getFileName().toString().endsWith("-demo")).findFirst().orElseThrow();
        }
        for (String report : List.of("scaling-strategy", "performance-report")) {
            assertThat(dir.resolve(report + ".md")).isNotEmptyFile();
            assertThat(dir.resolve(report + ".html")).isNotEmptyFile();
        }
        Deployment deployment = Serialization.unmarshal(Files.readString(dir.resolve("k8s/deployment.yaml")), Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("a pinned tag").matches(".+:.+").doesNotEndWith(":latest");
        var resources = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests()).containsKey("cpu");
        assertThat(resources.getLimits()).containsKey("cpu");
        HorizontalPodAutoscaler hpa = Serialization.unmarshal(Files.readString(dir.resolve("k8s/hpa.yaml")),
                HorizontalPodAutoscaler.class);
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getBehavior().getScaleUp()).isNotNull();
        assertThat(hpa.getSpec().getBehavior().getScaleDown()).isNotNull();
        GenericKubernetesResource rules = Serialization.unmarshal(Files.readString(dir.resolve("k8s/prometheus-rules.yaml")),
                GenericKubernetesResource.class);
        assertThat(rules.getKind()).isEqualTo("PrometheusRule");
        assertThat(rules.getAdditionalProperties().get("spec").toString()).contains("histogram_quantile");
    }
}
