package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.analysis.RegressionDetector.Measurement;
import org.sttbench.analysis.RegressionDetector.Result;
import org.sttbench.analysis.RegressionDetector.Verdict;

class RegressionDetectorTest {
    private final RegressionDetector detector = new RegressionDetector();

    // means 100 102 98 101 99 -> median 100; lows 95 97 93 96 94 -> 95; highs 105 107 103 106 104 -> 105
    private final List<Measurement> history = List.of(
            new Measurement(500, 480.0, 520.0, 10), // older than the window of 5: ignored
            new Measurement(100, 95.0, 105.0, 10), new Measurement(102, 97.0, 107.0, 10),
            new Measurement(98, 93.0, 103.0, 10), new Measurement(101, 96.0, 106.0, 10),
            new Measurement(99, 94.0, 104.0, 10));

    @Test
    void regressionWhenIntervalsSeparateAndSlowdownIsLarge() {
        // current [110, 120] lies above [95, 105]; (115 - 100) / 100 = +15% >= 5%
        Result r = detector.check(new Measurement(115, 110.0, 120.0, 10), history);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.deltaPct()).isCloseTo(15, within(1e-9));
        assertThat(r.baselineMeanMs()).isEqualTo(100);
        assertThat(r.baselineCi95LowMs()).isEqualTo(95);
        assertThat(r.baselineCi95HighMs()).isEqualTo(105);
        assertThat(r.runsInBaseline()).isEqualTo(5);
        assertThat(r.reason()).startsWith("slower:").contains("+15%");
    }

    @Test
    void improvementMirrorsRegression() {
        // [75, 85] below [95, 105]; -20%
        Result r = detector.check(new Measurement(80, 75.0, 85.0, 10), history);
        assertThat(r.verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(r.deltaPct()).isCloseTo(-20, within(1e-9));
    }

    @Test
    void overlappingIntervalsAreNoChange() {
        // +10% but [100, 120] overlaps [95, 105]
        Result r = detector.check(new Measurement(110, 100.0, 120.0, 10), history);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(r.reason()).startsWith("within noise");
    }

    @Test
    void separatedButBelowMinimumIsNoChange() {
        // window 1: baseline is the last run only, [99, 101]; current [102, 104] is above it but only +3%
        Result r = new RegressionDetector(1, 0.05).check(new Measurement(103, 102.0, 104.0, 30),
                List.of(new Measurement(50, 49.0, 51.0, 30), new Measurement(100, 99.0, 101.0, 30)));
        assertThat(r.verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(r.reason()).startsWith("significant but small");
        assertThat(r.baselineMeanMs()).isEqualTo(100);
        assertThat(r.runsInBaseline()).isEqualTo(1);
    }

    @Test
    void evenWindowUsesMeanOfMiddlePair() {
        // medians of (100, 110): mean 105, low (98 + 108) / 2 = 103, high (102 + 112) / 2 = 107
        Result r = detector.check(new Measurement(130, 125.0, 135.0, 5),
                List.of(new Measurement(100, 98.0, 102.0, 5), new Measurement(110, 108.0, 112.0, 5)));
        assertThat(r.baselineMeanMs()).isEqualTo(105);
        assertThat(r.baselineCi95LowMs()).isEqualTo(103);
        assertThat(r.baselineCi95HighMs()).isEqualTo(107);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void insufficientData() {
        assertThat(detector.check(new Measurement(100, 90.0, 110.0, 5), List.of()).verdict())
                .isEqualTo(Verdict.INSUFFICIENT_DATA);
        Result single = detector.check(new Measurement(200, null, null, 1), history);
        assertThat(single.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(single.deltaPct()).isCloseTo(100, within(1e-9));
        assertThat(single.reason()).contains("n = 1");
        assertThat(detector.check(new Measurement(200, 190.0, 210.0, 5),
                List.of(new Measurement(100, null, null, 1))).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void measurementFromLatencyStats() {
        Measurement m = Measurement.of(LatencySummary.of(new double[] {10, 20, 30, 40, 50}));
        assertThat(m.meanMs()).isEqualTo(30);
        assertThat(m.n()).isEqualTo(5);
        assertThat(m.ci95LowMs()).isCloseTo(10.3676, within(1e-3));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> detector.check(null, history)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> detector.check(new Measurement(Double.NaN, null, null, 1), history))
                .hasMessageContaining("mean_ms");
        assertThatThrownBy(() -> new RegressionDetector(0, 0.05)).hasMessageContaining("window");
    }
}
