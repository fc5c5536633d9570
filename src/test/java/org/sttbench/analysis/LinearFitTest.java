package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void exactLineHasR2One() {
        // y = 100 + 50 x: 100 ms overhead plus 50 ms per second of audio
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3, 4}, new double[] {150, 200, 250, 300});
        assertThat(fit.n()).isEqualTo(4);
        assertThat(fit.slope()).isCloseTo(50, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(100, within(1e-9));
        assertThat(fit.r2()).isCloseTo(1, within(1e-12));
        assertThat(fit.predict(10)).isCloseTo(600, within(1e-9));
    }

    @Test
    void noisyPoints() {
        // x 0 1 2, y 1 3 2: xbar 1, ybar 2; Sxy = (-1)(-1) + 0 + (1)(0) = 1; Sxx = 2 -> slope 0.5
        // intercept 2 - 0.5 = 1.5; fitted 1.5 2 2.5 -> SSE 0.25 + 1 + 0.25 = 1.5; SST 1 + 1 + 0 = 2
        // r2 = 1 - 1.5 / 2 = 0.25
        LinearFit fit = LinearFit.of(new double[] {0, 1, 2}, new double[] {1, 3, 2});
        assertThat(fit.slope()).isCloseTo(0.5, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(1.5, within(1e-12));
        assertThat(fit.r2()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void underdeterminedGivesNulls() {
        assertThat(LinearFit.of(new double[] {1}, new double[] {2})).isEqualTo(new LinearFit(1, null, null, null));
        assertThat(LinearFit.of(new double[0], new double[0]).slope()).isNull();
        assertThat(LinearFit.of(new double[] {3, 3}, new double[] {1, 2}).slope()).isNull();
        assertThat(LinearFit.of(new double[] {1}, new double[] {2}).predict(1)).isNull();
    }

    @Test
    void constantYHasSlopeZeroAndNoR2() {
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3}, new double[] {5, 5, 5});
        assertThat(fit.slope()).isCloseTo(0, within(1e-12));
        assertThat(fit.r2()).isNull();
    }

    @Test
    void rejectsMismatchAndNaN() {
        assertThatThrownBy(() -> LinearFit.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> LinearFit.of(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]");
    }
}
