package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.Json;
import org.sttbench.analysis.CpuScalingAnalysis.CoreAdvice;
import org.sttbench.analysis.CpuScalingAnalysis.Result;
import org.sttbench.analysis.CpuScalingAnalysis.Scaling;

class CpuScalingAnalysisTest {

    private static List<CpuPoint> points(double... cpuLatencyPairs) {
        List<CpuPoint> out = new ArrayList<>();
        for (int i = 0; i < cpuLatencyPairs.length; i += 2) {
            out.add(new CpuPoint(cpuLatencyPairs[i], cpuLatencyPairs[i + 1]));
        }
        return out;
    }

    @Test
    void amdahlTenPercentSerial() {
        // latency = 1000 * (0.1 + 0.9 / N): 1000, 550, 325, 212.5
        // speedup 1, 1.818182, 3.076923, 4.705882; efficiency 1, 0.909091, 0.769231, 0.588235
        // gains (1000-550)/1000 = 0.45, 225/550 = 0.409, 112.5/325 = 0.346: all >= 0.20, no diminishing point
        Result r = CpuScalingAnalysis.analyze(points(8, 212.5, 1, 1000, 4, 325, 2, 550));
        assertThat(r.points()).extracting(CpuScalingAnalysis.ScalingPoint::cpus).containsExactly(1.0, 2.0, 4.0, 8.0);
        assertThat(r.points().get(1).speedup()).isCloseTo(1.818182, within(1e-6));
        assertThat(r.points().get(2).efficiency()).isCloseTo(0.769231, within(1e-6));
        assertThat(r.points().get(3).efficiency()).isCloseTo(0.588235, within(1e-6));
        assertThat(r.points().get(1).latencyGain()).isCloseTo(0.45, within(1e-9));
        assertThat(r.points().get(0).latencyGain()).isNull();
        assertThat(r.diminishingReturnsCpus()).isNull();
        assertThat(r.classification()).isEqualTo(Scaling.SUB_LINEAR);
        assertThat(r.amdahl().serialFraction()).isCloseTo(0.1, within(1e-6));
        assertThat(r.amdahl().maxSpeedup()).isCloseTo(10, within(1e-4));
        assertThat(r.amdahl().rmse()).isCloseTo(0, within(1e-6));
        // USL with kappa = 0 is Amdahl: sigma = s
        assertThat(r.usl().sigma()).isCloseTo(0.1, within(1e-4));
        assertThat(r.usl().kappa()).isCloseTo(0, within(1e-6));
        assertThat(r.usl().peakCpus()).isNull();
        assertThat(r.usl().peakNote()).startsWith("no peak in range");
        // efficiency at 8 is 0.588 < 0.8, at 4 is 0.769 >= 0.5, no diminishing point -> moderate;
        // counts keeping efficiency >= 0.7: 2 (0.909) and 4 (0.769) -> up to 4
        assertThat(r.answer()).isEqualTo(CoreAdvice.MODERATE);
        assertThat(r.recommendedCpusPerPod()).isEqualTo(4);
        assertThat(r.rule()).contains("moderate: up to 4 CPUs per pod").contains("0.588");
        assertThat(r.baselineNote()).isNull();
    }

    @Test
    void linearScalingMeansManyCores() {
        Result r = CpuScalingAnalysis.analyze(points(1, 1000, 2, 500, 4, 250, 8, 125));
        assertThat(r.points()).allSatisfy(p -> assertThat(p.efficiency()).isCloseTo(1, within(1e-12)));
        assertThat(r.classification()).isEqualTo(Scaling.LINEAR);
        assertThat(r.answer()).isEqualTo(CoreAdvice.MANY_CORES);
        assertThat(r.recommendedCpusPerPod()).isEqualTo(8);
        assertThat(r.rule()).contains("efficiency at 8 CPUs").contains(">= 0.8");
        assertThat(r.amdahl().serialFraction()).isCloseTo(0, within(1e-9));
        assertThat(r.amdahl().maxSpeedup()).isNull();
    }

    @Test
    void poorEfficiencyAtFourMeansFewStrongCores() {
        // speedups 1000/700 = 1.428571, 1000/600 = 1.666667; efficiency 0.714286, 0.416667 (< 0.5 at 4)
        // gains 0.3, 100/700 = 0.142857 < 0.2 -> diminishing at 2
        Result r = CpuScalingAnalysis.analyze(points(1, 1000, 2, 700, 4, 600));
        assertThat(r.points().get(2).efficiency()).isCloseTo(0.416667, within(1e-6));
        assertThat(r.diminishingReturnsCpus()).isEqualTo(2.0);
        assertThat(r.classification()).isEqualTo(Scaling.POOR);
        assertThat(r.answer()).isEqualTo(CoreAdvice.FEW_STRONG_CORES);
        assertThat(r.rule()).startsWith("efficiency at 4 CPUs is 0.417 < 0.5");
        assertThat(r.recommendedCpusPerPod()).isEqualTo(2);
    }

    @Test
    void earlyDiminishingReturnsMeansFewStrongCores() {
        // gain 1 -> 2: (1000 - 900) / 1000 = 0.10 < 0.20 -> diminishing at 1 CPU (<= 2); 4 not measured
        Result r = CpuScalingAnalysis.analyze(points(1, 1000, 2, 900, 8, 300));
        assertThat(r.diminishingReturnsCpus()).isEqualTo(1.0);
        assertThat(r.answer()).isEqualTo(CoreAdvice.FEW_STRONG_CORES);
        assertThat(r.rule()).contains("cuts latency by 10%").contains("diminish at 1 <= 2 CPUs");
        assertThat(r.recommendedCpusPerPod()).isEqualTo(1);
    }

    @Test
    void baselineOtherThanOneIsRelative() {
        // base 2 CPUs: speedup 1000/520 = 1.923077 at 4 (ratio 2) -> efficiency 0.961538;
        // 1000/280 = 3.571429 at 8 (ratio 4) -> 0.892857
        Result r = CpuScalingAnalysis.analyze(points(2, 1000, 4, 520, 8, 280));
        assertThat(r.baselineCpus()).isEqualTo(2);
        assertThat(r.baselineNote()).contains("relative to 2 CPUs");
        assertThat(r.notes()).contains(r.baselineNote());
        assertThat(r.points().get(2).efficiency()).isCloseTo(0.892857, within(1e-6));
        assertThat(r.classification()).isEqualTo(Scaling.NEAR_LINEAR);
        assertThat(r.answer()).isEqualTo(CoreAdvice.MANY_CORES);
        // relative Amdahl fit reproduces the baseline exactly
        assertThat(r.points().get(0).amdahlSpeedup()).isCloseTo(1, within(1e-12));
    }

    @Test
    void recoversKnownUslParameters() {
        // C(N) = N / (1 + 0.05 (N-1) + 0.02 N (N-1)): C(2) = 2/1.09, C(4) = 4/1.39, C(8) = 8/2.47, C(16) = 16/6.55
        // latency = 1000 / C(N); N* = sqrt((1 - 0.05) / 0.02) = sqrt(47.5) = 6.892
        double[] n = {1, 2, 4, 8, 16};
        List<CpuPoint> pts = new ArrayList<>();
        for (double c : n) {
            pts.add(new CpuPoint(c, 1000 / (c / (1 + 0.05 * (c - 1) + 0.02 * c * (c - 1)))));
        }
        Result r = CpuScalingAnalysis.analyze(pts);
        assertThat(r.usl().sigma()).isCloseTo(0.05, within(1e-4));
        assertThat(r.usl().kappa()).isCloseTo(0.02, within(1e-4));
        assertThat(r.usl().peakCpus()).isCloseTo(6.892, within(0.01));
        assertThat(r.usl().peakNote()).contains("within the measured range");
        assertThat(r.usl().rmse()).isLessThan(1e-4);
        assertThat(r.usl().rmse()).isLessThan(r.amdahl().rmse());
        // 8 -> 16 is slower: non-monotonic, noted
        assertThat(r.notes()).anySatisfy(s -> assertThat(s).contains("non-monotonic"));
    }

    @Test
    void nonMonotonicLatency() {
        // 2 -> 4 gets slower: gain (500 - 600) / 500 = -0.2 -> diminishing at 2; efficiency at 4 = 1.6667/4 = 0.4167
        Result r = CpuScalingAnalysis.analyze(points(1, 1000, 2, 500, 4, 600));
        assertThat(r.points().get(2).latencyGain()).isCloseTo(-0.2, within(1e-12));
        assertThat(r.diminishingReturnsCpus()).isEqualTo(2.0);
        assertThat(r.notes()).anySatisfy(s -> assertThat(s).contains("latency rises from 2 to 4"));
        assertThat(r.answer()).isEqualTo(CoreAdvice.FEW_STRONG_CORES);
        // retrograde data needs a coherency term: kappa > 0 and a peak between 1 and 4
        assertThat(r.usl().kappa()).isGreaterThan(0.01);
        assertThat(r.usl().peakCpus()).isBetween(1.0, 4.0);
    }

    @Test
    void twoPointsFitAmdahlOnly() {
        // 1/(s + (1-s)/2) = 1000/600 -> s + 0.5 - 0.5 s = 0.6 -> s = 0.2
        Result r = CpuScalingAnalysis.analyze(points(1, 1000, 2, 600));
        assertThat(r.amdahl().serialFraction()).isCloseTo(0.2, within(1e-6));
        assertThat(r.usl()).isNull();
        assertThat(r.notes()).anySatisfy(s -> assertThat(s).contains("USL").contains("underdetermined"));
        assertThat(r.points().get(1).uslSpeedup()).isNull();
    }

    @Test
    void superLinearClampsSerialFractionAtZero() {
        // speedup 2.5 on 2 CPUs: Amdahl cannot exceed 2, best s is the bound 0
        Result r = CpuScalingAnalysis.analyze(points(1, 1000, 2, 400));
        assertThat(r.classification()).isEqualTo(Scaling.SUPER_LINEAR);
        assertThat(r.amdahl().serialFraction()).isEqualTo(0.0);
    }

    @Test
    void singlePointIsInsufficient() {
        Result r = CpuScalingAnalysis.analyze(List.of(new CpuPoint(2, 800, 1.25, 1.9)));
        assertThat(r.answer()).isEqualTo(CoreAdvice.INSUFFICIENT_DATA);
        assertThat(r.classification()).isEqualTo(Scaling.SINGLE_POINT);
        assertThat(r.amdahl()).isNull();
        assertThat(r.points().get(0).speedup()).isEqualTo(1.0);
    }

    @Test
    void throughputSpeedupWhenRpsGiven() {
        Result r = CpuScalingAnalysis.analyze(List.of(new CpuPoint(1, 1000, 1.0, 0.98),
                new CpuPoint(2, 520, 1.9, 1.95)));
        assertThat(r.points().get(1).rpsSpeedup()).isCloseTo(1.9, within(1e-12));
        assertThat(r.points().get(1).cpuPerWall()).isEqualTo(1.95);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CpuScalingAnalysis.analyze(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuScalingAnalysis.analyze(points(1, 100, 1, 90)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("measured twice");
        assertThatThrownBy(() -> CpuScalingAnalysis.analyze(points(1, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency_ms");
        assertThatThrownBy(() -> CpuScalingAnalysis.analyze(points(0, 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpus");
    }

    @Test
    void resultSerialisesWithRule() throws Exception {
        String json = Json.json().writeValueAsString(CpuScalingAnalysis.analyze(points(1, 1000, 2, 500, 4, 250)));
        assertThat(json).contains("\"serial_fraction\"", "\"rule\"",
                "\"recommended_cpus_per_pod\"", "\"MANY_CORES\"").doesNotContain("diminishing_returns_cpus");
    }
}
