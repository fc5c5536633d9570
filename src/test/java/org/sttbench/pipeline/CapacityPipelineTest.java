package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.TestModels;

/**
 * The capacity and verify suites on the local executor: a real `serve` replica is searched, then the fleet the
 * measured capacity predicts is started and driven, and the reports show predicted and measured p95.
 */
class CapacityPipelineTest {
    @Test
    void capacityThenVerifyReportsPredictedAndMeasuredP95(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("capacity.plan.yaml");
        // a micro model answers in about half a second on one CPU; the SLA leaves room for a busy machine, so the
        // search finds a rate whatever the load, and a short budget keeps the test short
        Files.writeString(plan, "name: cap\nmodel: " + TestModels.micro() + "\naudio: test_audio/en_5s.wav\n"
                + "suites:\n"
                + "  capacity: { cpus: 1, budget_s: 45, start_rate: 0.25, window_s: 4, precision: 0.5 }\n"
                + "  verify: { duration_s: 6, max_replicas: 2 }\n"
                + "sla: { p95_latency_ms: 4000, target_rps: 1.5, max_error_rate: 0.05 }\n");
        Path outbox = dir.resolve("outbox");
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(),
                Map.of("sttbench.outbox", outbox.toString()), false)) {
            app.runPlan(plan);
        }
        Path results = outbox.resolve("latest").resolve(Outbox.RESULTS_FILE);
        assertThat(ResultsSchema.problems(results)).isEmpty();
        RunResult run = Outbox.read(results);
        JsonNode capacity = run.analysis().get("capacity");
        assertThat(capacity.get("outcome").asText()).as(capacity.get("message").asText()).isIn("found", "budget");
        assertThat(capacity.get("sustainable_rps").asDouble()).isPositive();
        JsonNode verify = run.analysis().get("verify");
        assertThat(verify.get("status").asText()).isEqualTo("ran");
        assertThat(verify.get("predicted_replicas").asInt()).isPositive();
        assertThat(verify.get("replicas").asInt()).isBetween(1, 2);
        assertThat(verify.get("scaled_down").asBoolean())
                .isEqualTo(verify.get("replicas").asInt() < verify.get("predicted_replicas").asInt());
        assertThat(verify.get("measured").get("ok").asLong()).isPositive();
        assertThat(verify.get("verdict").asText()).isNotBlank();
        // the fleet's p95 is judged against the plan's SLA like any other service level
        assertThat(run.analysis().get("sla").get("checks")).anyMatch(c -> c.get("name").asText()
                .equals("verify_p95_latency_ms") && c.get("measured").asDouble() == verify.get("measured")
                .get("p95_ms").asDouble());
        Path runDir = outbox.resolve(run.runId());
        String md = Files.readString(runDir.resolve("capacity.md"));
        assertThat(md).contains("| p95 (ms) | " + String.format(Locale.ROOT, "%.1f",
                verify.get("predicted_p95_ms").asDouble()) + " | "
                + String.format(Locale.ROOT, "%.1f", verify.get("measured").get("p95_ms").asDouble()) + " |");
        assertThat(Files.readString(runDir.resolve("performance-report.md"))).contains("Sizing from measured capacity");
        assertThat(Files.readString(runDir.resolve("capacity.html"))).contains("<svg");
        // every replica was stopped
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(" serve ")).count()).isZero();
    }
}
