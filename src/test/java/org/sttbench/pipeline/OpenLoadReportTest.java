package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.load.StubTranscriptionServer;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;
import org.sttbench.testing.TestModels;

/**
 * An open-model load suite (one stage per rate) gets its load report and its SLA checks. The stub answers
 * one request at a time in 200 ms, so it holds 5 req/s: at 2 req/s nothing queues, while at 10 req/s the
 * twentieth arrival of a 2 s stage waits at least 0.2 + 19 x 0.1 s behind the others whatever the machine's
 * speed, so p95 from the intended send time is over 2 s and the 1 s SLA is missed there.
 */
class OpenLoadReportTest {
    @Test
    void anOpenModelRunHasALoadReportAndIsJudgedAtTheTargetRate(@TempDir Path dir) throws Exception {
        try (StubTranscriptionServer stub = new StubTranscriptionServer(1, i -> {
            Thread.sleep(200);
            return 200;
        })) {
            Path results = TrafficPlanPipelineTest.runPlan(dir, "name: open-rates\nmodel: " + TestModels.micro()
                    + "\naudio: test_audio/en_5s.wav\n"
                    + "suites:\n  load: { target: " + stub.baseUrl() + ", rates: [2, 10], duration_s: 2 }\n"
                    + "sla: { p95_latency_ms: 1000, target_rps: 10, max_error_rate: 0.05 }\n");
            RunResult run = Outbox.read(results);

            RunAnalyzer.SlaResult checks = RunAnalyzer.slaChecks(run);
            assertThat(checks.checks()).filteredOn(c -> c.name().equals("load_p95_latency_ms")).singleElement()
                    .satisfies(c -> {
                        assertThat(c.measured()).as("p95 at 10 req/s, from the intended send").isGreaterThan(2000);
                        assertThat(c.passed()).isFalse();
                    });
            assertThat(checks.passed()).isFalse();

            String md = Files.readString(results.resolveSibling("load.md"));
            assertThat(md).contains("open model, constant arrivals")
                    .contains("| 10 (judged) |")
                    .contains("holds up to 2 req/s offered")
                    .contains("Judged at 10 req/s** (the SLA's target rate)")
                    .contains("charts/load-percentiles.svg");
            assertThat(results.resolveSibling("charts/load-rps.svg")).exists();
            assertThat(Files.readString(results.resolveSibling("load.html"))).contains("<td>10 (judged)</td>");
            assertThat(Files.readString(results.resolveSibling("slo-junit.xml"))).contains("load_p95_latency_ms");
            assertThat(Files.readString(results.resolveSibling("performance-report.md")))
                    .contains("scheduled requests succeeded at up to 10 req/s offered")
                    .contains("SLA missed: load_p95_latency_ms");
        }
    }
}
