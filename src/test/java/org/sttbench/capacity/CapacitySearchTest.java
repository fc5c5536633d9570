package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/** The search logic against scripted probes on a fake clock: no network, no timing. */
class CapacitySearchTest {
    private static final double SLA = 500;

    /** A probe on a fake clock: each step takes {@code stepS} seconds and returns what {@code script} says. */
    private static final class Scripted implements RateProbe {
        final AtomicLong now = new AtomicLong();
        final DoubleFunction<StepMeasurement> script;
        final double stepS;
        int calls;

        Scripted(double stepS, DoubleFunction<StepMeasurement> script) {
            this.stepS = stepS;
            this.script = script;
        }

        @Override
        public StepMeasurement measure(double rate, Duration budget) {
            calls++;
            assertThat(budget.toNanos()).isGreaterThanOrEqualTo(minimumStep(rate).toNanos());
            now.addAndGet((long) (stepS * 1e9));
            return script.apply(rate);
        }

        @Override
        public Duration minimumStep(double rate) {
            return Duration.ofMillis((long) (stepS * 1000));
        }
    }

    static StepMeasurement step(double rate, double p95, long ok, long errors, long dropped, long late,
                                Map<String, Long> causes, boolean rising, double throughput) {
        long scheduled = ok + errors + dropped;
        return new StepMeasurement(rate, 10, List.of(), !rising, rising, scheduled, ok + errors, dropped, late, ok,
                errors, rate, throughput, ok / 10.0, p95 / 2, p95, p95 * 1.2, causes, null);
    }

    /** A server with a hard capacity: below it p95 is flat, above it the queue grows. */
    static StepMeasurement server(double rate, double capacity) {
        long n = Math.round(rate * 10);
        return rate <= capacity ? step(rate, 120, n, 0, 0, 0, Map.of(), false, rate)
                : step(rate, 120 + 2000 * (rate / capacity - 1), n, 0, 0, 0, Map.of(), true, capacity);
    }

    private static CapacityResult search(Scripted probe, double start, Duration budget) {
        SearchSettings s = new SearchSettings(SLA, 0.01, budget, start, 100_000, 0.05, 0.2);
        return new CapacitySearch(probe, s, probe.now::get, null).run();
    }

    @Test
    void bracketsThenBisectsToWithinThePrecision() {
        Scripted probe = new Scripted(10, r -> server(r, 37));
        CapacityResult r = search(probe, 1, Duration.ofMinutes(10));
        assertThat(r.outcome()).isEqualTo(CapacityResult.FOUND);
        assertThat(r.sustainableRps()).isBetween(37 / 1.05, 37.0);
        assertThat(r.steps()).allMatch(s -> s.met() == (s.measurement().rate() <= 37));
        assertThat(r.atSustainable().measurement().rate()).isEqualTo(r.sustainableRps());
        assertThat(r.message()).contains("met the SLA");
        // the curve is the steps in rate order
        assertThat(r.curve()).isSortedAccordingTo(Comparator.comparingDouble(s -> s.measurement().rate()));
    }

    @Test
    void theBudgetStopsTheSearchBeforeAStepThatDoesNotFit() {
        Scripted probe = new Scripted(10, r -> server(r, 37));
        CapacityResult r = search(probe, 1, Duration.ofSeconds(45));
        assertThat(probe.calls).isEqualTo(4); // 1, 2, 4, 8: a fifth step would end after 50 s
        assertThat(r.outcome()).isEqualTo(CapacityResult.BUDGET);
        assertThat(r.sustainableRps()).isEqualTo(8.0);
        assertThat(r.message()).contains("budget ran out").contains("8 req/s");
    }

    @Test
    void anSlaNoRateMeetsNamesTheLowestRateAndItsFigures() {
        Scripted probe = new Scripted(1, r -> step(r, 2000, 10, 0, 0, 0, Map.of(), false, r));
        CapacityResult r = search(probe, 1, Duration.ofMinutes(5));
        assertThat(r.outcome()).isEqualTo(CapacityResult.NONE_MET);
        assertThat(r.sustainableRps()).isNull();
        assertThat(r.message()).startsWith("not even the lowest rate tried held the SLA: at 0.0156 req/s")
                .contains("p95 2000 ms");
    }

    @Test
    void aTargetThatIsDownStopsAtTheFirstStep() {
        Scripted probe = new Scripted(1, r -> step(r, 0, 0, 10, 0, 0, Map.of("connection_refused", 10L), false, 0));
        CapacityResult r = search(probe, 2, Duration.ofMinutes(5));
        assertThat(probe.calls).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo(CapacityResult.TARGET_DOWN);
        assertThat(r.message()).contains("target is down").contains("connection_refused x10");
    }

    @Test
    void everyRequestAnErrorStopsAtTheFirstStep() {
        Scripted probe = new Scripted(1, r -> step(r, 0, 0, 20, 0, 0, Map.of("http_500", 20L), false, 0));
        CapacityResult r = search(probe, 2, Duration.ofMinutes(5));
        assertThat(probe.calls).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo(CapacityResult.ALL_ERRORS);
        assertThat(r.message()).contains("every request at 2 req/s failed (http_500 x20)");
    }

    @Test
    void aRateTheGeneratorCannotSendIsCalledTheGeneratorsLimit() {
        Scripted probe = new Scripted(1, r -> r <= 4 ? server(r, 1000)
                : step(r, 100, 80, 0, 0, 60, Map.of(), false, r));
        CapacityResult r = search(probe, 1, Duration.ofMinutes(5));
        assertThat(r.outcome()).isEqualTo(CapacityResult.GENERATOR_LIMIT);
        assertThat(r.sustainableRps()).isEqualTo(4.0);
        assertThat(r.message()).contains("generator could not send 8 req/s").contains("generator's limit, not the server's")
                .contains("highest rate that met the SLA was 4 req/s");
    }

    @Test
    void errorsAboveTheBudgetFailAStepEvenWithinTheLatencySla() {
        Scripted probe = new Scripted(1, r -> r <= 6 ? server(r, 1000)
                : step(r, 100, 90, 10, 0, 0, Map.of("http_503", 10L), false, r));
        CapacityResult r = search(probe, 1, Duration.ofMinutes(5));
        assertThat(r.sustainableRps()).isBetween(6 / 1.05, 6.0);
        assertThat(r.steps()).anyMatch(s -> s.verdict().equals("errors") && s.reason().contains("http_503 x10"));
    }

    @Test
    void aRisingLatencyFailsAStepWhoseP95IsStillWithinTheSla() {
        Scripted probe = new Scripted(1, r -> r <= 5 ? server(r, 1000)
                : step(r, 300, Math.round(r * 10), 0, 0, 0, Map.of(), true, 5));
        CapacityResult r = search(probe, 1, Duration.ofMinutes(5));
        assertThat(r.sustainableRps()).isBetween(5 / 1.05, 5.0);
        assertThat(r.steps()).anyMatch(s -> s.verdict().equals("saturated"));
    }

    @Test
    void theKneeIsWhereP95LeavesTwiceItsLowRateValue() {
        Scripted probe = new Scripted(10, r -> server(r, 37));
        CapacityResult r = search(probe, 1, Duration.ofMinutes(10));
        // p95 is flat up to capacity (120 ms) and climbs beyond it: 240 ms is reached at 37 * 1.06
        assertThat(r.kneeRps()).isGreaterThanOrEqualTo(r.sustainableRps()).isLessThan(37 * 1.06);
        assertThat(r.steps()).filteredOn(s -> s.measurement().rate() > r.kneeRps())
                .allMatch(s -> s.measurement().p95Ms() > 240);
    }

    @Test
    void aFewLateSendsAtALowRateAreNotTheGeneratorsLimit() {
        // 1 of 3 sends late (a busy machine's scheduling), at a rate the server holds
        Scripted probe = new Scripted(1, r -> r <= 0.5 ? step(r, 100, 3, 0, 0, 1, Map.of(), false, r)
                : step(r, 9000, 10, 0, 0, 0, Map.of(), true, 0.5));
        CapacityResult r = search(probe, 0.25, Duration.ofMinutes(5));
        assertThat(r.steps().get(0).verdict()).isEqualTo("met");
        assertThat(r.outcome()).isEqualTo(CapacityResult.FOUND);
    }
}
