package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sttbench.Json;

class LatencySummaryTest {
    private static final double EPS = 1e-6;

    @Test
    void summarisesFiveSamples() {
        // sorted 10 20 30 40 50; mean 150/5 = 30
        // p50: h = 4 * 0.50 = 2   -> x[2] = 30
        // p95: h = 4 * 0.95 = 3.8 -> 40 + 0.8 * (50 - 40) = 48
        // p99: h = 4 * 0.99 = 3.96 -> 40 + 0.96 * 10 = 49.6
        // squares 400 + 100 + 0 + 100 + 400 = 1000; s = sqrt(1000 / 4) = 15.8113883
        // t(0.975, 4) = 2.7764451; half = 2.7764451 * 15.8113883 / sqrt(5) = 19.6324
        LatencySummary s = LatencySummary.of(new double[] {30, 10, 50, 20, 40});
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.avgMs()).isCloseTo(30, within(EPS));
        assertThat(s.minMs()).isEqualTo(10);
        assertThat(s.maxMs()).isEqualTo(50);
        assertThat(s.p50Ms()).isCloseTo(30, within(EPS));
        assertThat(s.p95Ms()).isCloseTo(48, within(EPS));
        assertThat(s.p99Ms()).isCloseTo(49.6, within(EPS));
        assertThat(s.stddevMs()).isCloseTo(15.8113883, within(EPS));
        assertThat(s.ci95LowMs()).isCloseTo(30 - 19.6324, within(1e-3));
        assertThat(s.ci95HighMs()).isCloseTo(30 + 19.6324, within(1e-3));
        assertThat(s.totalMs()).isCloseTo(150, within(EPS));
        // 5 requests in 0.150 s one after another
        assertThat(s.sequentialRps()).isCloseTo(33.3333, within(1e-3));
    }

    @Test
    void medianOfEvenCountIsMeanOfMiddlePair() {
        // h = 3 * 0.5 = 1.5 -> 2 + 0.5 * (3 - 2) = 2.5 (nearest-rank would give 2)
        assertThat(LatencySummary.of(new double[] {4, 1, 3, 2}).p50Ms()).isCloseTo(2.5, within(EPS));
    }

    @Test
    void singleSampleHasNoSpreadOrInterval() {
        LatencySummary s = LatencySummary.of(new double[] {42});
        assertThat(s.p50Ms()).isEqualTo(42);
        assertThat(s.p99Ms()).isEqualTo(42);
        assertThat(s.stddevMs()).isNull();
        assertThat(s.ci95LowMs()).isNull();
        assertThat(s.ci95HighMs()).isNull();
    }

    @Test
    void twoSamplesUseWideStudentT() {
        // mean 15, s = sqrt((25 + 25) / 1) = 7.0710678; t(0.975, 1) = 12.7062047
        // half = 12.7062047 * 7.0710678 / sqrt(2) = 63.5310
        LatencySummary s = LatencySummary.of(new double[] {10, 20});
        assertThat(s.ci95HighMs() - s.avgMs()).isCloseTo(63.5310, within(1e-3));
    }

    @Test
    void rejectsEmptyAndNaN() {
        assertThatThrownBy(() -> LatencySummary.of(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no latency samples");
        assertThatThrownBy(() -> LatencySummary.of(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#1");
        assertThatThrownBy(() -> LatencySummary.of(new double[] {-1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rpsOverWallWindow() {
        assertThat(LatencySummary.rps(20, 4.0)).isEqualTo(5.0);
        assertThat(LatencySummary.of(new double[] {0, 0}).sequentialRps()).isNull();
        assertThatThrownBy(() -> LatencySummary.rps(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serialisesSnakeCaseAndOmitsMissingInterval() throws Exception {
        String json = Json.json().writeValueAsString(LatencySummary.of(new double[] {5}));
        assertThat(json).contains("\"avg_ms\"", "\"p95_ms\"", "\"total_ms\"").doesNotContain("ci95_low_ms");
        LatencySummary back = Json.json().readValue(Json.json().writeValueAsString(
                LatencySummary.of(new double[] {1, 2, 3})), LatencySummary.class);
        assertThat(back).isEqualTo(LatencySummary.of(new double[] {1, 2, 3}));
    }
}
