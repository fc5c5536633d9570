package org.sttbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.analysis.RegressionDetector;
import org.sttbench.report.FixtureAccess;

class HistoryAnalyzerTest {
    @TempDir
    Path history;

    @AfterEach
    void clearProperty() {
        System.clearProperty(HistoryAnalyzer.FAIL_ON_REGRESSION);
    }

    private static RunResult nightly() {
        return FixtureAccess.load("nightly-docker");
    }

    @Test
    void slowerThanEarlierRunsOfTheSameMachineIsARegression() throws Exception {
        RunResult current = nightly();
        // the stored fixture was analysed against three faster nights: same verdict when read back
        assertThat(HistoryAnalyzer.regressed(current)).isTrue();
        assertThat(current.analysis().path("regression").path("checks").get(0).path("verdict").asText())
                .isEqualTo("REGRESSION");
        // with itself as the only earlier run (one day before) nothing changed
        RunResult before = copyAt(current, current.timestamp().minus(Duration.ofDays(1)), "earlier");
        Files.write(history.resolve("a.json"), Json.json().writeValueAsBytes(before));
        HistoryAnalyzer.Result result = new HistoryAnalyzer(history).analyze(current);
        assertThat(result.historyRuns()).isEqualTo(1);
        assertThat(result.regressed()).isFalse();
        assertThat(result.checks()).isNotEmpty().allSatisfy(c -> assertThat(c.verdict()).isEqualTo(RegressionDetector.Verdict.NO_CHANGE));
    }

    @Test
    void otherMachinesAndLaterRunsAreIgnored() throws Exception {
        RunResult current = nightly();
        RunResult later = copyAt(current, current.timestamp().plus(Duration.ofDays(1)), "later");
        RunResult otherMachine = new RunResult(current.schemaVersion(), "other", current.planName(), current.plan(),
                current.timestamp().minus(Duration.ofDays(1)), current.finishedAt(), "aarch64", "Neoverse-N1",
                current.environment(), current.executor(), current.models(), current.synthetic(), current.notice(),
                current.units(), current.notes(), current.analysis());
        Files.write(history.resolve("later.json"), Json.json().writeValueAsBytes(later));
        Files.write(history.resolve("other.json"), Json.json().writeValueAsBytes(otherMachine));
        Files.writeString(history.resolve("junk.json"), "{ not json");
        HistoryAnalyzer.Result result = new HistoryAnalyzer(history).analyze(current);
        assertThat(result.historyRuns()).isZero();
        assertThat(result.note()).contains("no earlier run");
        assertThat(result.checks()).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(RegressionDetector.Verdict.INSUFFICIENT_DATA));
    }

    @Test
    void failOnRegressionIsAnOptIn() {
        RunResult current = nightly();
        assertThat(HistoryAnalyzer.shouldFail(current)).isFalse();
        System.setProperty(HistoryAnalyzer.FAIL_ON_REGRESSION, "true");
        assertThat(HistoryAnalyzer.shouldFail(current)).isTrue();
        assertThat(HistoryAnalyzer.shouldFail(FixtureAccess.load("arm-small"))).isFalse();
    }

    private static RunResult copyAt(RunResult r, Instant at, String id) {
        return new RunResult(r.schemaVersion(), id, r.planName(), r.plan(), at, at.plusSeconds(60), r.architecture(),
                r.cpuModel(), r.environment(), r.executor(), r.models(), r.synthetic(), r.notice(), r.units(), r.notes(),
                r.analysis());
    }
}
