package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.analysis.ThreadTuning.Result;

class ThreadTuningTest {

    @Test
    void flagsOversubscriptionAndPicksBest() {
        // limit 2 CPUs: best 2 threads at 500 ms; 8 threads at 1200 ms is 2.4x the best (> 2x)
        // 4 threads at 700 ms is 1.4x, but 60% of its CFS periods were throttled (> 50%)
        Result r = ThreadTuning.analyze(2, List.of(new ThreadPoint(8, 1200, 0.9), new ThreadPoint(1, 900, 0.0),
                new ThreadPoint(2, 500, 0.1), new ThreadPoint(4, 700, 0.6)));
        assertThat(r.points()).extracting(ThreadTuning.ThreadResult::threads).containsExactly(1, 2, 4, 8);
        assertThat(r.recommendedThreads()).isEqualTo(2);
        assertThat(r.ruleThreads()).isEqualTo(2);
        assertThat(r.note()).isNull();
        assertThat(r.points()).extracting(ThreadTuning.ThreadResult::throttling).containsExactly(false, false, true, true);
        assertThat(r.points().get(3).relativeToBest()).isCloseTo(2.4, within(1e-12));
        assertThat(r.points().get(3).reason()).contains("2.4x the best").contains("90%");
        assertThat(r.points().get(2).reason()).isEqualTo("throttled in 60% of CFS periods (> 50%)");
    }

    @Test
    void tieGoesToFewerThreads() {
        Result r = ThreadTuning.analyze(4, List.of(new ThreadPoint(4, 300), new ThreadPoint(3, 300),
                new ThreadPoint(2, 400)));
        assertThat(r.recommendedThreads()).isEqualTo(3);
        assertThat(r.note()).contains("measured best is 3 threads while the rule gives 4");
    }

    @Test
    void ruleRoundsUpWithMinimumOne() {
        assertThat(ThreadTuning.ruleThreads(0.5)).isEqualTo(1);
        assertThat(ThreadTuning.ruleThreads(1)).isEqualTo(1);
        assertThat(ThreadTuning.ruleThreads(2.5)).isEqualTo(3);
        assertThat(ThreadTuning.ruleThreads(4)).isEqualTo(4);
    }

    @Test
    void singlePointIsItsOwnBest() {
        Result r = ThreadTuning.analyze(1.5, List.of(new ThreadPoint(2, 640)));
        assertThat(r.recommendedThreads()).isEqualTo(2);
        assertThat(r.points().get(0).throttling()).isFalse();
        assertThat(r.note()).isNull();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ThreadTuning.analyze(2, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadTuning.analyze(2, List.of(new ThreadPoint(2, 1), new ThreadPoint(2, 2))))
                .hasMessageContaining("measured twice");
        assertThatThrownBy(() -> ThreadTuning.analyze(2, List.of(new ThreadPoint(2, Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadTuning.analyze(2, List.of(new ThreadPoint(2, 10, 1.5))))
                .hasMessageContaining("throttled_ratio");
        assertThatThrownBy(() -> ThreadTuning.analyze(0, List.of(new ThreadPoint(1, 10))))
                .hasMessageContaining("cpu limit");
    }
}
