package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void readsEverySettingOfASchedule() {
        var result = ScheduleConfig.parse(Map.of(
                "sttbench.schedule.nightly.cron", "0 0 2 * * ?",
                "sttbench.schedule.nightly.plan", "nightly.plan.yaml",
                "sttbench.schedule.nightly.time-zone", "Europe/Berlin",
                "sttbench.schedule.nightly.catch-up", "true",
                "sttbench.inbox", "inbox"), Map.of(), UTC);

        assertThat(result.problems()).isEmpty();
        assertThat(result.schedules()).containsExactly(
                new Schedule("nightly", "0 0 2 * * ?", "nightly.plan.yaml", ZoneId.of("Europe/Berlin"), true));
    }

    @Test
    void environmentOverridesAndDeclaresSchedules() {
        var result = ScheduleConfig.parse(Map.of(
                        "sttbench.schedule.nightly.cron", "0 0 2 * * ?",
                        "sttbench.schedule.nightly.plan", "nightly.plan.yaml"),
                Map.of("STTBENCH_SCHEDULE_NIGHTLY_CRON", "0 30 3 * * ?",
                        "STTBENCH_SCHEDULE_WEEKLY_SCALING_CRON", "0 0 4 ? * SUN",
                        "STTBENCH_SCHEDULE_WEEKLY_SCALING_PLAN", "scaling.plan.yaml",
                        "PATH", "/usr/bin"), UTC);

        assertThat(result.problems()).isEmpty();
        assertThat(result.schedules()).extracting(Schedule::name, Schedule::cron, Schedule::plan).containsExactly(
                Tuple.tuple("nightly", "0 30 3 * * ?", "nightly.plan.yaml"),
                Tuple.tuple("weekly-scaling", "0 0 4 ? * SUN", "scaling.plan.yaml"));
    }

    @Test
    void aBrokenScheduleIsLeftOutWithAOneLineReasonAndTheOthersStay() {
        var result = ScheduleConfig.parse(Map.ofEntries(
                Map.entry("sttbench.schedule.good.cron", "0/5 * * * * ?"),
                Map.entry("sttbench.schedule.good.plan", "a.plan.yaml"),
                Map.entry("sttbench.schedule.late.cron", "0 0 25 * * ?"),
                Map.entry("sttbench.schedule.late.plan", "a.plan.yaml"),
                Map.entry("sttbench.schedule.noplan.cron", "0 0 1 * * ?"),
                Map.entry("sttbench.schedule.zone.cron", "0 0 1 * * ?"),
                Map.entry("sttbench.schedule.zone.plan", "a.plan.yaml"),
                Map.entry("sttbench.schedule.zone.time-zone", "Mars/Olympus"),
                Map.entry("sttbench.schedule.off.cron", "0 0 1 * * ?"),
                Map.entry("sttbench.schedule.off.plan", "a.plan.yaml"),
                Map.entry("sttbench.schedule.off.enabled", "false")), Map.of(), UTC);

        assertThat(result.schedules()).extracting(Schedule::name).containsExactly("good");
        assertThat(result.problems()).hasSize(3).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p)
                .contains("schedule late: invalid cron '0 0 25 * * ?' in sttbench.schedule.late.cron"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p)
                .contains("schedule noplan: no plan; set sttbench.schedule.noplan.plan"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("unknown time zone 'Mars/Olympus'"));
    }

    @Test
    void aBareNameIsInThePlansFolderAndAPathIsItself() {
        var plans = Path.of("/srv/sttbench/plans");
        assertThat(new Schedule("n", "0 0 2 * * ?", "nightly.plan.yaml", UTC, false).planFile(plans))
                .isEqualTo(plans.resolve("nightly.plan.yaml"));
        assertThat(new Schedule("n", "0 0 2 * * ?", "/etc/plans/x.plan.yaml", UTC, false).planFile(plans))
                .isEqualTo(Path.of("/etc/plans/x.plan.yaml"));
    }
}
