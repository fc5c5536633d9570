package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sttbench.BadInputException;

class ArrivalProcessTest {
    private static double cv(long[] t) {
        double[] gaps = new double[t.length - 1];
        double mean = 0;
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
            mean += gaps[i - 1];
        }
        mean /= gaps.length;
        double var = 0;
        for (double g : gaps) {
            var += (g - mean) * (g - mean);
        }
        return Math.sqrt(var / gaps.length) / mean;
    }

    @Test
    void everyProcessKeepsTheMeanRateAndBurstinessSetsTheSpread() {
        // 2000 s at 10/s: about 20 000 arrivals, so the seeded figures sit close to their expectations
        long[] constant = ArrivalProcess.constant().schedule(10, 2000, 1);
        long[] poisson = ArrivalProcess.poisson().schedule(10, 2000, 1);
        long[] bursty = ArrivalProcess.gamma(0.25).schedule(10, 2000, 1);
        long[] regular = ArrivalProcess.gamma(4).schedule(10, 2000, 1);

        assertThat(constant).hasSize(20_000);
        assertThat(constant[1] - constant[0]).isEqualTo(100_000_000L);
        for (long[] s : new long[][]{poisson, bursty, regular}) {
            assertThat(s.length / 2000.0).isCloseTo(10, within(0.5));
            assertThat(s[s.length - 1]).isLessThan(2000_000_000_000L);
        }
        // gamma gaps have a coefficient of variation of 1 / sqrt(burstiness)
        assertThat(cv(constant)).isCloseTo(0, within(1e-6));
        assertThat(cv(poisson)).isCloseTo(1, within(0.05));
        assertThat(cv(bursty)).isCloseTo(2, within(0.15));
        assertThat(cv(regular)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void theScheduleIsDrawnFromTheSeed() {
        assertThat(ArrivalProcess.poisson().schedule(5, 60, 7)).isEqualTo(ArrivalProcess.poisson().schedule(5, 60, 7));
        assertThat(ArrivalProcess.poisson().schedule(5, 60, 7)).isNotEqualTo(ArrivalProcess.poisson().schedule(5, 60, 8));
    }

    @Test
    void parsesAndRejects() {
        assertThat(ArrivalProcess.parse("gamma:0.5")).isEqualTo(ArrivalProcess.gamma(0.5));
        assertThat(ArrivalProcess.parse("Poisson").label()).isEqualTo("poisson");
        assertThatThrownBy(() -> ArrivalProcess.parse("uniform")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ArrivalProcess.gamma(0)).isInstanceOf(BadInputException.class);
    }
}
