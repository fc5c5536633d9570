package org.sttbench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {
    private final PlanLoader loader = new PlanLoader();

    @Test
    void readsTheDesignExamplePlan() {
        Plan plan = loader.parse("""
                name: nightly
                model: tiny
                audio: [test_audio/*.wav]
                executor: docker
                suites:
                  latency:     { iterations: 10, warmup: 1, threads: auto }
                  audio:       {}
                  cpu_scaling: { cpus: [1, 2, 4, 8], iterations: 5 }
                  threads:     { cpus: 1, threads: [1, 2, 4], iterations: 5 }
                  load:        { target: http://127.0.0.1:8000, concurrency: [1, 2, 4, 8], requests: 20 }
                  workers:     { counts: [1, 2, 3], requests_per_worker: 20, concurrency: 4 }
                sla: { p95_latency_ms: 2000, target_rps: 10, max_rtf: 0.5 }
                """, "nightly.plan.yaml");
        assertThat(plan.model()).containsExactly("tiny");
        assertThat(plan.audio()).containsExactly("test_audio/*.wav");
        assertThat(plan.suites().cpuScaling().cpus()).containsExactly(1.0, 2.0, 4.0, 8.0);
        assertThat(plan.suites().threads().threads()).containsExactly(1, 2, 4);
        assertThat(plan.suites().latency().threads()).isEqualTo("auto");
        assertThat(plan.suites().workers().requestsPerWorker()).isEqualTo(20);
        assertThat(plan.sla().maxRtf()).isEqualTo(0.5);
    }

    @Test
    void readsJsonPlans(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quick.plan.json");
        Files.writeString(file, "{\"name\": \"quick\", \"model\": [\"tiny\", \"base\"], \"suites\": {\"latency\": {\"threads\": 2}}}");
        Plan plan = loader.load(file);
        assertThat(plan.model()).containsExactly("tiny", "base");
        assertThat(plan.suites().latency().threads()).isEqualTo("2");
    }

    @Test
    void malformedYamlSaysWhere() {
        assertThatThrownBy(() -> loader.parse("name: x\nsuites: {latency: [unclosed\n", "bad.plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith("invalid plan bad.plan.yaml: malformed YAML at line");
    }

    @Test
    void malformedJson() {
        assertThatThrownBy(() -> loader.parse("{\"name\": ", "bad.plan.json"))
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void listsEverySchemaViolation() {
        InvalidPlanException e = catchThrowableOfType(() -> loader.parse("""
                name: "has spaces"
                executor: mainframe
                colour: blue
                suites:
                  latency: { iterations: -3, warmup: 1000 }
                  cpu_scaling: { cpus: [0, 1] }
                  telepathy: {}
                sla: { max_rtf: -1 }
                """, "wrong.plan.yaml"), InvalidPlanException.class);
        List<String> problems = e.problems();
        assertThat(String.join("\n", problems))
                .contains("name")
                .contains("executor")
                .contains("colour")
                .contains("iterations")
                .contains("warmup")
                .contains("cpus")
                .contains("telepathy")
                .contains("max_rtf");
        assertThat(problems).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void emptyPlanAndMissingSuites() {
        assertThatThrownBy(() -> loader.parse("", "empty.plan.yaml")).hasMessageContaining("empty");
        assertThatThrownBy(() -> loader.parse("name: x\n", "nosuites.plan.yaml")).hasMessageContaining("suites");
    }
}
