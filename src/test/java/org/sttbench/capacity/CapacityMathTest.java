package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.analysis.CapacityMath;
import org.sttbench.analysis.MeasuredSizing;
import org.sttbench.analysis.SizingInput;

class CapacityMathTest {
    @Test
    void windowsAgreeWithinTheToleranceOrTheNoiseFloor() {
        assertThat(CapacityMath.stable(List.of(500.0, 100.0, 105.0, 98.0), 3, 0.10, 1)).isTrue();
        assertThat(CapacityMath.stable(List.of(100.0, 130.0, 98.0), 3, 0.10, 1)).isFalse();
        assertThat(CapacityMath.stable(List.of(2.0, 3.5, 2.2), 3, 0.10, 5)).isTrue();
        assertThat(CapacityMath.stable(List.of(100.0, 100.0), 3, 0.10, 1)).isFalse();
    }

    @Test
    void risingNeedsAClimbInEveryWindowAndAGrowthAboveToleranceAndFloor() {
        assertThat(CapacityMath.rising(List.of(200.0, 230.0, 260.0), 3, 0.10, 5)).isTrue();
        assertThat(CapacityMath.rising(List.of(200.0, 260.0, 230.0), 3, 0.10, 5)).isFalse();
        assertThat(CapacityMath.rising(List.of(200.0, 205.0, 210.0), 3, 0.10, 5)).isFalse();
        assertThat(CapacityMath.rising(List.of(2.0, 3.0, 4.0), 3, 0.10, 5)).isFalse();
    }

    @Test
    void theKneeIsTheLastRateBeforeLatencyLeavesTheFactor() {
        assertThat(CapacityMath.knee(List.of(1.0, 2.0, 4.0, 8.0), List.of(100.0, 110.0, 150.0, 900.0), 2)).isEqualTo(4.0);
        assertThat(CapacityMath.knee(List.of(1.0, 2.0), List.of(100.0, 110.0), 2)).isNull();
        assertThat(CapacityMath.knee(List.of(1.0), List.of(100.0), 2)).isNull();
    }

    @Test
    void podsFromMeasuredCapacityKeepTheUtilizationHeadroom() {
        assertThat(CapacityMath.podsFromMeasuredCapacity(10, 2, 0.7)).isEqualTo(8); // 10 / 1.4 = 7.1
        assertThat(CapacityMath.podsFromMeasuredCapacity(7, 1, 0.7)).isEqualTo(10);
    }

    @Test
    void interpolationIsLinearBetweenPointsAndFlatBeyond() {
        List<Double> x = List.of(1.0, 2.0, 4.0);
        List<Double> y = List.of(100.0, 200.0, 600.0);
        assertThat(CapacityMath.interpolate(x, y, 3)).isEqualTo(400.0);
        assertThat(CapacityMath.interpolate(x, y, 0.5)).isEqualTo(100.0);
        assertThat(CapacityMath.interpolate(x, y, 9)).isEqualTo(600.0);
    }

    @Test
    void measuredSizingSaysWhichWayTheModelErrs() {
        // one request alone takes 1000 ms (1 req/s per pod at 100% busy) but the pod held only 0.5 req/s in the SLA
        MeasuredSizing m = MeasuredSizing.of(4, 3000, 0.7, 0.5, new SizingInput(4, 3000, 1000, 1100.0, 2, 1, 0, 0.7));
        assertThat(m.pods()).isEqualTo(12); // 4 / 0.35 = 11.4
        assertThat(m.queueingPods()).isLessThan(12);
        assertThat(m.explanation()).contains("under load a request is slower than alone");
        // the pod held 3 req/s where one request alone suggests 1: the model is pessimistic
        MeasuredSizing p = MeasuredSizing.of(4, 3000, 0.7, 3, new SizingInput(4, 3000, 1000, 1100.0, 2, 1, 0, 0.7));
        assertThat(p.pods()).isLessThan(p.queueingPods());
        assertThat(p.explanation()).contains("the model is pessimistic");
        assertThat(MeasuredSizing.of(4, 3000, 0.7, 3, null).queueingPods()).isNull();
    }
}
