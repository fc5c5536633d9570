package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        assertThat(c.out()).contains("making a synthetic tiny model").contains("model: tiny").contains("results:")
                .contains("report:");
        assertThat(store.resolve("ggml-tiny.bin")).exists();

        Path results;
        try (Stream<Path> runs = Files.list(outbox)) {
            results = runs.filter(p -> p.getFileName().toString().endsWith("-demo")).findFirst().orElseThrow()
                    .resolve(Outbox.RESULTS_FILE);
        }
        RunResult run = Outbox.read(results);
        assertThat(ResultsSchema.problems(results)).as("results.json against its schema").isEmpty();
        assertThat(run.synthetic()).isTrue();
        assertThat(run.units()).extracting(u -> u.unit().suite()).containsExactly(Suite.LATENCY, Suite.AUDIO,
                Suite.CPU_SCALING, Suite.CPU_SCALING, Suite.THREADS, Suite.THREADS);
        assertThat(run.units()).allSatisfy(u -> assertThat(u.ok()).as(u.error()).isTrue());

        String report = Files.readString(results.resolveSibling("audio.md"));
        assertThat(report).contains("synthetic weights: timing only, transcripts meaningless");
        List<Measurement> audio = run.units().stream().filter(u -> u.unit().suite() == Suite.AUDIO)
                .flatMap(u -> u.measurements().stream()).toList();
        assertThat(audio).extracting(m -> m.audio().name())
                .containsExactlyInAnyOrder("en_5s.wav", "vi_5s.wav", "en_30s.mp3");
        for (Measurement m : audio) {
            String row = report.lines().filter(l -> l.startsWith("| " + m.audio().name() + " |")).findFirst().orElseThrow();
            assertThat(row).contains(String.format("%.3f", m.rtf())).contains(String.format("%.1f", m.avgLatencyMs()));
        }
        UnitResult latency = run.units().get(0);
        assertThat(latency.measurements().get(0).latency().n()).isEqualTo(3);
        assertThat(report).contains(String.format("%.1f", latency.measurements().get(0).latency().p95Ms()));
        assertThat(results.resolveSibling("audio.html")).content().contains("<svg");
        assertThat(outbox.resolve("history")).isDirectoryContaining(p -> p.getFileName().toString().contains("_tiny_"));

        threeQuestionsAnsweredWithMeasuredNumbers(c.out(), run, results.getParent());
        reportOverTheDemoResultsSizesADeployment(results, outbox.resolveSibling(outbox.getFileName() + "-report"));
    }

    /**
     * Stability rests on a load test against the local server (every request went through), CPU scaling was
     * measured at 1 and 2 CPUs, a deployment was sized; the console says the three answers before the files,
     * and the performance report shows them as three panels with a chart each.
     */
    private static void threeQuestionsAnsweredWithMeasuredNumbers(String console, RunResult run, Path dir) throws Exception {
        JsonNode load = run.analysis().path("load");
        assertThat(load.path("target").asText()).startsWith("http://127.0.0.1:");
        assertThat(load.path("levels")).extracting(l -> l.path("concurrency").asInt()).containsExactly(1, 2, 4);
        for (JsonNode level : load.path("levels")) {
            assertThat(level.path("requests").asInt()).as("requests at %s", level.path("concurrency")).isEqualTo(4);
            assertThat(level.path("ok").asInt()).as("answered requests at %s", level.path("concurrency")).isPositive();
        }
        JsonNode cpu = run.analysis().path("cpu_scaling").path("tiny");
        assertThat(cpu.path("points")).extracting(p -> p.path("cpus").asDouble()).containsExactly(1.0, 2.0);
        assertThat(run.analysis().path("threads").path("tiny").path("points")).hasSize(2);

        List<String> lines = console.lines().toList();
        int stable = indexOf(lines, "Is it stable?");
        int cpus = indexOf(lines, "Which CPUs does it want?");
        int scale = indexOf(lines, "How to scale it?");
        int first = indexOf(lines, "open first: ");
        int files = indexOf(lines, "results: ");
        assertThat(List.of(stable, cpus, scale, first, files)).as(console).isSorted().doesNotContain(-1);
        // yes or no depends on how busy the machine was (the SLA); either way the answer rests on the load test
        assertThat(lines.get(stable)).containsPattern("Is it stable\\?\\s+(yes|no): ")
                .contains("requests succeeded under load up to 4 concurrent");
        assertThat(lines.get(cpus)).doesNotContain("not measured").contains("at 2 CPUs");
        assertThat(lines.get(scale)).doesNotContain("not measured").contains("pod").contains("for 2 RPS");
        assertThat(lines.get(first)).endsWith(dir.resolve("performance-report.html").toString());

        String md = Files.readString(dir.resolve("performance-report.md"));
        assertThat(md).doesNotContain("not measured").contains("### 1. Is it stable? **")
                .contains("(charts/glance-load.svg)").contains("(charts/glance-cpu.svg)").contains("(charts/glance-scale.svg)");
        String html = Files.readString(dir.resolve("performance-report.html"));
        assertThat(html.split("<article class=\"panel ", -1)).as("three answer panels").hasSize(4);
        assertThat(html.indexOf("class=\"answers\"")).as("the answers come before the tables")
                .isLessThan(html.indexOf("<table"));
        for (String chart : List.of("glance-load", "glance-cpu", "glance-scale")) {
            assertThat(dir.resolve("charts/" + chart + ".svg")).content().contains("<svg").contains("aria-label=");
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
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
