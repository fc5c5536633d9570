package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void oneServerIsMM1() {
        // M/M/1: P(wait) = rho = 0.5; Wq = rho / (mu - lambda) = 0.5 / (0.01 - 0.005) = 100 ms
        assertThat(ErlangC.probabilityOfWaiting(1, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(ErlangC.meanWaitMs(1, 0.5, 100)).isCloseTo(100, within(1e-9));
        // sojourn time is exponential with rate mu - lambda = 0.005/ms: p95 = ln 20 / 0.005 = 599.1465 ms
        assertThat(ErlangC.responseQuantileMs(1, 0.5, 100, 0.95)).isCloseTo(599.1465, within(1e-3));
        assertThat(ErlangC.responseTail(1, 0.5, 100, 200)).isCloseTo(Math.exp(-1), within(1e-12));
    }

    @Test
    void twoServersOneErlang() {
        // Erlang B: B1 = 1/2, B2 = 0.5 / (2 + 0.5) = 0.2; C = 2 * 0.2 / (2 - 1 * 0.8) = 1/3
        assertThat(ErlangC.probabilityOfWaiting(2, 1)).isCloseTo(1.0 / 3, within(1e-12));
        // Wq = C / (c mu - lambda) = (1/3) * 100 / (2 - 1) = 33.333 ms
        assertThat(ErlangC.meanWaitMs(2, 1, 100)).isCloseTo(33.3333, within(1e-3));
        // p95 wait = ln((1/3) / 0.05) * 100 / 1 = 100 ln 6.6667 = 189.712 ms
        assertThat(ErlangC.waitQuantileMs(2, 1, 100, 0.95)).isCloseTo(189.712, within(1e-3));
        // theta = (2 - 1) / 100 = mu: P(T > t) = (2/3) e^-x + (1/3)(1 + x) e^-x with x = t / 100
        // at t = 100: (2/3 + 2/3) e^-1 = 0.490506
        assertThat(ErlangC.responseTail(2, 1, 100, 100)).isCloseTo(0.490506, within(1e-6));
        double p95 = ErlangC.responseQuantileMs(2, 1, 100, 0.95);
        assertThat(ErlangC.responseTail(2, 1, 100, p95)).isCloseTo(0.05, within(1e-9));
        assertThat(p95).isCloseTo(381.646, within(1e-2));
        // the sum of quantiles (189.7 + 100 ln 20 = 489.3) over-estimates the exact p95 here
        assertThat(p95).isLessThan(189.712 + 100 * Math.log(20));
    }

    @Test
    void threeServersTwoErlangs() {
        // B1 = 2/3, B2 = (4/3) / (10/3) = 0.4, B3 = 0.8 / 3.8 = 0.210526; C = 0.631579 / (3 - 2 * 0.789474) = 4/9
        assertThat(ErlangC.probabilityOfWaiting(3, 2)).isCloseTo(4.0 / 9, within(1e-12));
    }

    @Test
    void lowLoadWaitQuantileIsZero() {
        // C(2, 0.1) is well under 5%: 95% of requests never wait
        assertThat(ErlangC.waitQuantileMs(2, 0.1, 100, 0.95)).isZero();
        assertThat(ErlangC.probabilityOfWaiting(4, 0)).isZero();
    }

    @Test
    void overloadedQueueIsUnbounded() {
        assertThat(ErlangC.probabilityOfWaiting(2, 2)).isEqualTo(1.0);
        assertThat(ErlangC.meanWaitMs(2, 3, 100)).isInfinite();
        assertThat(ErlangC.responseQuantileMs(2, 2, 100, 0.95)).isInfinite();
    }

    @Test
    void largeServerCountStaysFinite() {
        // the Erlang B recurrence avoids a^c / c! overflow
        double c = ErlangC.probabilityOfWaiting(500, 480);
        assertThat(c).isBetween(0.0, 1.0);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ErlangC.probabilityOfWaiting(0, 1)).hasMessageContaining("servers");
        assertThatThrownBy(() -> ErlangC.probabilityOfWaiting(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErlangC.responseQuantileMs(1, 0.5, 100, 1.0)).hasMessageContaining("quantile");
        assertThatThrownBy(() -> ErlangC.meanWaitMs(1, 0.5, 0)).hasMessageContaining("service");
    }
}
