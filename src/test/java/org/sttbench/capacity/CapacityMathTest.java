package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.analysis.CapacityMath;

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
}
