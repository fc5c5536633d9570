package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.models.ModelInfo;

class ScheduleServiceTest {
    @TempDir
    Path dir;
    Path home;
    Settings settings;
    PlanPreparer preparer;
    final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T02:00:00Z"));

    @BeforeEach
    void setUp() throws Exception {
        home = TestHome.create(dir.resolve("home"));
        settings = new Settings(home, dir.resolve("inbox"), dir.resolve("outbox"), List.of(), "tiny", false, true);
        ExecutorRegistry executors = new ExecutorRegistry().register("local", () -> new SleepingExecutor(1));
        preparer = new PlanPreparer(settings, name -> new ModelInfo(name, home.resolve(name + ".bin"), 1, "0", true),
                executors);
        TestHome.writePlan(home, "nightly.plan.yaml", "nightly", "tiny");
    }

    private ScheduleService service(Schedule... schedules) {
        return new ScheduleService(settings, preparer, new ScheduleState(dir.resolve("state.properties")), console,
                clock, List.of(schedules));
    }

    private static Schedule nightly(boolean catchUp) {
        return new Schedule("nightly", "0 0 2 * * ?", "nightly.plan.yaml", ZoneOffset.UTC, catchUp);
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFiringWhileThePreviousRunIsInProgressIsSkippedAndSaidSo() {
        ScheduleService service = service(nightly(false));

        RunRequest first = service.prepare("nightly");
        RunRequest second = service.prepare("nightly");

        assertThat(first).isNotNull();
        assertThat(first.plan().name()).isEqualTo("nightly");
        assertThat(first.source()).isEqualTo(home.resolve("plans/nightly.plan.yaml"));
        assertThat(second).isNull();
        assertThat(console()).contains("schedule nightly: skipped: previous nightly run still in progress");
        assertThat(service.stats("nightly").skipped()).isEqualTo(1);
        assertThat(service.stats("nightly").fired()).isEqualTo(1);

        service.finished("nightly");
        assertThat(service.prepare("nightly")).isNotNull();
        assertThat(service.stats("nightly").fired()).isEqualTo(2);
    }

    @Test
    void aPlanThatCannotRunIsOneLineAndTheScheduleStaysUsable() throws Exception {
        ScheduleService service = service(nightly(false));
        Files.writeString(home.resolve("plans/nightly.plan.yaml"), "name: nightly\nsuites: { latency: { iterations: -3 } }\n");

        assertThat(service.prepare("nightly")).isNull();
        assertThat(service.prepare("nightly")).isNull();

        List<String> lines = console().lines().toList();
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("schedule nightly: plan nightly.plan.yaml cannot run: invalid plan nightly.plan.yaml"));
        assertThat(service.stats("nightly").errors()).isEqualTo(2);
        assertThat(service.inProgress("nightly")).isFalse();

        TestHome.writePlan(home, "nightly.plan.yaml", "nightly", "tiny");
        assertThat(service.prepare("nightly")).isNotNull();
    }

    @Test
    void aScheduledRunIsJournaledSoAKillDoesNotLoseIt() throws Exception {
        RunJournal journal = new RunJournal(settings, console);
        ScheduleService service = new ScheduleService(settings, preparer, new ScheduleState(dir.resolve("state.properties")),
                console, clock, List.of(nightly(false)), journal);
        RunRequest request = service.prepare("nightly");
        assertThat(request.ticket()).isNotEqualTo(RunTicket.NONE);
        request.ticket().started("20250101-020000-nightly");
        // killed here: the next start finds the run in the journal

        List<RunRequest> queued = new ArrayList<>();
        RunJournal afterRestart = new RunJournal(settings, console);
        new RunRecovery(settings, afterRestart, preparer, new RunOutcomes(), console, RunRecovery.Mode.RERUN, 1)
                .recover(queued::add);
        assertThat(queued).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(request.source());
            assertThat(r.ticket().runId()).isEqualTo("20250101-020000-nightly");
        });
        assertThat(console()).contains("scheduled run of nightly.plan.yaml (20250101-020000-nightly) was interrupted");

        // killed again: recorded as interrupted, not lost
        RunOutcomes outcomes = new RunOutcomes();
        new RunRecovery(settings, new RunJournal(settings, console), preparer, outcomes, console, RunRecovery.Mode.RERUN, 1)
                .recover(r -> { });
        assertThat(outcomes.results()).singleElement().satisfies(results ->
                assertThat(Files.readString(results)).contains("interrupted"));
        assertThat(afterRestart.entries()).isEmpty();
    }

    @Test
    void aMissingPlanOrOneWithoutAudioNamesTheFix() throws Exception {
        ScheduleService service = service(new Schedule("gone", "0 0 2 * * ?", "gone.plan.yaml", ZoneOffset.UTC, false),
                new Schedule("mute", "0 0 2 * * ?", "mute.plan.yaml", ZoneOffset.UTC, false));
        Files.writeString(home.resolve("plans/mute.plan.yaml"), "name: mute\nmodel: tiny\nsuites: { audio: {} }\n");

        assertThat(service.prepare("gone")).isNull();
        assertThat(service.prepare("mute")).isNull();

        assertThat(console()).contains("schedule gone: plan gone.plan.yaml cannot run: plan file not found")
                .contains("sttbench.schedule.gone.plan")
                .contains("schedule mute: plan mute.plan.yaml cannot run: mute.plan.yaml names no audio");
    }

    @Test
    void runsMissedWhileDownAreReportedAtTheNextStart() {
        ScheduleService before = service(nightly(false));
        before.prepare("nightly");          // fired at 2026-03-01T02:00
        before.stopped();

        clock.set(Instant.parse("2026-03-03T09:00:00Z"));
        ScheduleService after = service(nightly(false));
        boolean catchUp = after.checkMissedSinceLastStart("nightly");

        assertThat(catchUp).isFalse();
        assertThat(after.stats("nightly").missed()).isEqualTo(2);
        assertThat(console()).contains("schedule nightly: missed 2 run(s) while sttbench was not running (due from "
                + "2026-03-02T02:00:00Z to 2026-03-03T02:00:00Z)");

        // reported once: a restart right after finds nothing new
        ScheduleService again = service(nightly(false));
        assertThat(again.checkMissedSinceLastStart("nightly")).isFalse();
        assertThat(again.stats("nightly").missed()).isZero();
    }

    @Test
    void catchUpAsksForOneRunAndAFirstStartMissesNothing() {
        ScheduleService first = service(nightly(true));
        assertThat(first.checkMissedSinceLastStart("nightly")).isFalse();

        clock.set(Instant.parse("2026-03-05T09:00:00Z"));
        ScheduleService later = service(nightly(true));
        assertThat(later.checkMissedSinceLastStart("nightly")).isTrue();
        assertThat(console()).contains("missed 4 run(s)").contains("catching up with one run now");
    }

    @Test
    void aQuartzMisfireIsCountedAndLogged() {
        ScheduleService service = service(nightly(false));

        service.misfired("nightly", Instant.parse("2026-03-01T02:00:00Z"));

        assertThat(service.stats("nightly").missed()).isEqualTo(1);
        assertThat(console()).contains("schedule nightly: missed the run due at 2026-03-01T02:00:00Z (Quartz misfire");
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
