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
 * one request at a time in 200 ms, so it holds 5 req/s. At 10 req/s arrival k of a 4 s stage is answered
 * no sooner than 0.2 + 0.1 k s after its intended send whatever the machine's speed, so p95 from the
 * intended send is at least 4 s and the 2.5 s SLA is missed there; at 2 req/s nothing queues, and a
 * request would have to take over 12 times its 200 ms for that stage to miss the SLA.
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
                    + "suites:\n  load: { target: " + stub.baseUrl() + ", rates: [2, 10], duration_s: 4 }\n"
                    + "sla: { p95_latency_ms: 2500, target_rps: 10, max_error_rate: 0.05 }\n");
            RunResult run = Outbox.read(results);

            RunAnalyzer.SlaResult checks = RunAnalyzer.slaChecks(run);
            assertThat(checks.checks()).filteredOn(c -> c.name().equals("load_p95_latency_ms")).singleElement()
                    .satisfies(c -> {
                        assertThat(c.measured()).as("p95 at 10 req/s, from the intended send").isGreaterThan(2500);
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
