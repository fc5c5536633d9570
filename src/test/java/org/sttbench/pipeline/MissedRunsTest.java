package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MissedRunsTest {
    private final Schedule nightly = new Schedule("nightly", "0 0 2 * * ?", "n.plan.yaml", ZoneId.of("UTC"), false);

    @Test
    void countsTheFireTimesBetweenTheLastHandledInstantAndNow() {
        MissedRuns missed = MissedRuns.between(nightly, Instant.parse("2026-03-01T02:00:00.050Z"),
                Instant.parse("2026-03-04T09:00:00Z"));

        assertThat(missed.count()).isEqualTo(3);
        assertThat(missed.first()).isEqualTo(Instant.parse("2026-03-02T02:00:00Z"));
        assertThat(missed.last()).isEqualTo(Instant.parse("2026-03-04T02:00:00Z"));
    }

    @Test
    void nothingIsMissedWhenNoFireTimePassed() {
        MissedRuns missed = MissedRuns.between(nightly, Instant.parse("2026-03-01T02:00:01Z"),
                Instant.parse("2026-03-02T01:59:59Z"));

        assertThat(missed.any()).isFalse();
        assertThat(missed.first()).isNull();
    }

    @Test
    void theCronIsReadInTheSchedulesZone() {
        Schedule berlin = new Schedule("b", "0 0 2 * * ?", "n.plan.yaml", ZoneId.of("Europe/Berlin"), false);

        MissedRuns missed = MissedRuns.between(berlin, Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-10T12:00:00Z"));

        assertThat(missed.first()).isEqualTo(Instant.parse("2026-01-10T01:00:00Z"));
    }

    @Test
    void aFastCronDownForLongStopsCountingAtTheLimit() {
        Schedule everySecond = new Schedule("s", "* * * * * ?", "n.plan.yaml", ZoneId.of("UTC"), false);

        MissedRuns missed = MissedRuns.between(everySecond, Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-17T00:00:00Z"));

        assertThat(missed.count()).isEqualTo(MissedRuns.LIMIT);
    }
}
