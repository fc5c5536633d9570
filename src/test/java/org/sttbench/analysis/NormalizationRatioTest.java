package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.analysis.NormalizationRatio.Comparison;
import org.sttbench.analysis.NormalizationRatio.Key;
import org.sttbench.analysis.NormalizationRatio.MachineResult;

class NormalizationRatioTest {

    @Test
    void ratiosGeometricMeanAndMissingKeys() {
        List<MachineResult> baseline = List.of(new MachineResult("tiny", 1, 1000, 900.0, 1100.0),
                new MachineResult("tiny", 2, 600), new MachineResult("base", 1, 3000));
        List<MachineResult> other = List.of(new MachineResult("tiny", 2, 1200),
                new MachineResult("tiny", 1, 1500, 1400.0, 1600.0), new MachineResult("small", 1, 9000));
        Comparison c = NormalizationRatio.compare(baseline, other);
        // tiny@1: 1500 / 1000 = 1.5; tiny@2: 1200 / 600 = 2.0; geometric mean sqrt(1.5 * 2) = sqrt(3) = 1.7320508
        assertThat(c.ratios()).extracting(NormalizationRatio.KeyRatio::ratio).containsExactly(1.5, 2.0);
        assertThat(c.geometricMean()).isCloseTo(Math.sqrt(3), within(1e-12));
        // CI bounds for tiny@1: 1400 / 1100 = 1.272727, 1600 / 900 = 1.777778
        assertThat(c.ratios().get(0).ratioLow()).isCloseTo(1.272727, within(1e-6));
        assertThat(c.ratios().get(0).ratioHigh()).isCloseTo(1.777778, within(1e-6));
        assertThat(c.ratios().get(1).ratioLow()).isNull();
        assertThat(c.missingInOther()).containsExactly(new Key("base", 1));
        assertThat(c.missingInBaseline()).containsExactly(new Key("small", 1));
    }

    @Test
    void noCommonKeysHasNoOverallRatio() {
        Comparison c = NormalizationRatio.compare(List.of(new MachineResult("tiny", 1, 10)),
                List.of(new MachineResult("tiny", 2, 10)));
        assertThat(c.geometricMean()).isNull();
        assertThat(c.ratios()).isEmpty();
        assertThat(NormalizationRatio.compare(List.of(), List.of()).geometricMean()).isNull();
    }

    @Test
    void translatesThroughputAndLatency() {
        // a machine 2x slower serves half the rps and takes twice as long
        assertThat(NormalizationRatio.translateRps(10, 2)).isEqualTo(5);
        assertThat(NormalizationRatio.translateLatencyMs(300, 0.5)).isEqualTo(150);
        assertThatThrownBy(() -> NormalizationRatio.translateRps(10, 0)).hasMessageContaining("ratio");
    }

    @Test
    void rejectsDuplicatesAndBadLatency() {
        assertThatThrownBy(() -> NormalizationRatio.compare(
                List.of(new MachineResult("tiny", 1, 10), new MachineResult("tiny", 1.0, 11)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two results for tiny @ 1 CPU");
        assertThatThrownBy(() -> NormalizationRatio.compare(List.of(),
                List.of(new MachineResult("tiny", 1, Double.NaN)))).hasMessageContaining("avg_latency_ms");
    }
}
