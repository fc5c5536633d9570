package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sttbench.analysis.DecisionMatrix.Decision;
import org.sttbench.analysis.DecisionMatrix.Input;
import org.sttbench.analysis.DecisionMatrix.Recommendation;

class DecisionMatrixTest {
    private final DecisionMatrix matrix = new DecisionMatrix();

    @Test
    void slowSingleRequestWithEfficientCoresScalesUp() {
        // 2500 ms > 2000 * (1 - 0.1) = 1800 ms; efficiency 0.85 >= 0.7
        Decision d = matrix.decide(new Input(2500, 2000, 0.85, 0.5, 0.4, null, null, null));
        assertThat(d.recommendation()).isEqualTo(Recommendation.SCALE_UP);
        assertThat(d.reasons().get(0)).contains("2500 ms > 1800 ms");
        assertThat(d.raiseMemory()).isFalse();
    }

    @Test
    void headroomMakesNearSlaLatencyCountAsOver() {
        // 1900 ms is under the 2000 ms SLA but above 1800 ms: no room to queue
        assertThat(matrix.decide(new Input(1900, 2000, 0.9, null, null, null, null, null)).recommendation())
                .isEqualTo(Recommendation.SCALE_UP);
        assertThat(new DecisionMatrix(new DecisionMatrix.Thresholds(0.7, 0.7, 0.8, 0.0))
                .decide(new Input(1900, 2000, 0.9, null, null, null, null, null)).recommendation())
                .isEqualTo(Recommendation.NONE);
    }

    @Test
    void slowAndShortOnThroughputDoesBoth() {
        Decision d = matrix.decide(new Input(2500, 2000, 0.8, 0.9, null, 4.0, 10.0, null));
        assertThat(d.recommendation()).isEqualTo(Recommendation.BOTH);
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("demand 10 rps > capacity 4 rps"));
    }

    @Test
    void slowWithInefficientCoresOptimizes() {
        assertThat(matrix.decide(new Input(2500, 2000, 0.55, null, null, null, null, null)).recommendation())
                .isEqualTo(Recommendation.OPTIMIZE);
        Decision unknown = matrix.decide(new Input(2500, 2000, null, null, null, null, null, null));
        assertThat(unknown.recommendation()).isEqualTo(Recommendation.OPTIMIZE);
        assertThat(unknown.reasons()).anySatisfy(r -> assertThat(r).contains("unknown"));
    }

    @Test
    void fastButShortOnThroughputScalesOut() {
        // 2 pods x 2 rps = 4 rps < 10 rps demand, CPU 85% > 70%
        Decision d = matrix.decide(new Input(500, 2000, 0.9, 0.85, 0.5, 4.0, 10.0, null));
        assertThat(d.recommendation()).isEqualTo(Recommendation.SCALE_OUT);
        assertThat(d.smallerPods()).isFalse();
    }

    @Test
    void lowEfficiencyScalesOutWithSmallerPods() {
        Decision d = matrix.decide(new Input(500, 2000, 0.45, 0.9, null, 4.0, 10.0, null));
        assertThat(d.recommendation()).isEqualTo(Recommendation.SCALE_OUT);
        assertThat(d.smallerPods()).isTrue();
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("smaller pods"));
    }

    @Test
    void shortThroughputWithIdleCpuIsInvestigated() {
        // loaded p95 3000 > SLA while single requests take 500 ms, yet CPU is only 40% busy
        Decision d = matrix.decide(new Input(500, 2000, 0.9, 0.4, null, null, null, 3000.0));
        assertThat(d.recommendation()).isEqualTo(Recommendation.INVESTIGATE);
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("not CPU"));
    }

    @Test
    void memoryPressureRaisesMemory() {
        Decision only = matrix.decide(new Input(500, 2000, null, 0.5, 0.85, null, null, null));
        assertThat(only.recommendation()).isEqualTo(Recommendation.RAISE_MEMORY);
        assertThat(only.raiseMemory()).isTrue();
        Decision withUp = matrix.decide(new Input(2500, 2000, 0.9, null, 0.8, null, null, null));
        assertThat(withUp.recommendation()).isEqualTo(Recommendation.SCALE_UP);
        assertThat(withUp.raiseMemory()).isTrue();
    }

    @Test
    void healthySystemNeedsNothing() {
        Decision d = matrix.decide(new Input(500, 2000, 0.9, 0.5, 0.5, 10.0, 4.0, 900.0));
        assertThat(d.recommendation()).isEqualTo(Recommendation.NONE);
        assertThat(d.reasons()).containsExactly("latency and throughput within targets: no change needed");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> matrix.decide(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> matrix.decide(new Input(Double.NaN, 2000, null, null, null, null, null, null)))
                .hasMessageContaining("single_request_p95_ms");
        assertThatThrownBy(() -> new DecisionMatrix(new DecisionMatrix.Thresholds(0.7, 0.7, 0.8, 1.0)))
                .hasMessageContaining("latency_headroom");
    }
}
