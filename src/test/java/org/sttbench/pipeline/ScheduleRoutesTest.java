package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.models.SyntheticModelWriter;
import org.sttbench.testing.Await;

/** The schedule routes inside the real pipeline, with units that take a few seconds each. */
class ScheduleRoutesTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();

    @Test
    void aShortCronFiresRunsThatNeverOverlapAndABadPlanOnlyLogs() throws Exception {
        Path home = TestHome.create(dir.resolve("home"));
        Path model = dir.resolve("ggml-micro.bin");
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, SyntheticModelWriter.Options.defaults()).write(model);
        TestHome.writePlan(home, "slow.plan.yaml", "slow", model.toString());
        Files.writeString(home.resolve("plans/broken.plan.yaml"), "name: broken\nmodel: [\n");

        Map<String, String> overrides = new HashMap<>();
        overrides.put("sttbench.inbox", dir.resolve("inbox").toString());
        overrides.put("sttbench.outbox", dir.resolve("outbox").toString());
        overrides.put(PipelineApp.SERVICE, "true");
        overrides.put("camel.management.enabled", "false");
        overrides.put("sttbench.schedule.slow.cron", "* * * * * ?");
        overrides.put("sttbench.schedule.slow.plan", "slow.plan.yaml");
        overrides.put("sttbench.schedule.broken.cron", "0/2 * * * * ?");
        overrides.put("sttbench.schedule.broken.plan", "broken.plan.yaml");

        SleepingExecutor executor = new SleepingExecutor(2500);
        try (PipelineApp app = PipelineApp.start(home, overrides, true,
                new PrintStream(consoleBytes, true, StandardCharsets.UTF_8))) {
            // the first firing comes at least Quartz's trigger start delay (0.5 s) after the routes start
            app.context().getRegistry().lookupByNameAndType("executors", ExecutorRegistry.class).register("local", () -> executor);
            ScheduleService schedules = app.context().getRegistry().lookupByNameAndType("schedules", ScheduleService.class);

            Await.until(Duration.ofSeconds(40), () -> app.outcomes().finishedRuns() >= 1
                    && schedules.stats("slow").skipped() >= 1 && schedules.stats("broken").errors() >= 1,
                    () -> consoleBytes.toString(StandardCharsets.UTF_8));

            String console = consoleBytes.toString(StandardCharsets.UTF_8);
            assertThat(executor.maxRunning.get()).as("units running at once").isEqualTo(1);
            assertThat(schedules.stats("slow").fired()).as("queued runs never outnumber finished ones by more than one")
                    .isLessThanOrEqualTo(app.outcomes().finishedRuns() + 1L);
            assertThat(console).contains("schedule slow: skipped: previous slow run still in progress");
            assertThat(console).contains("schedule broken: plan broken.plan.yaml cannot run: invalid plan broken.plan.yaml");
            assertThat(app.context().getRouteController().getRouteStatus("schedule-slow")).isEqualTo(ServiceStatus.Started);
            assertThat(app.context().getRouteController().getRouteStatus("schedule-broken")).isEqualTo(ServiceStatus.Started);
            // run folders only: outbox/.latest-* staging copies come and go while a delivery runs
            try (Stream<Path> runs = Files.list(dir.resolve("outbox"))) {
                assertThat(runs.filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> Files.exists(p.resolve("results.json")))).isNotEmpty();
            }
        }
    }

    @Test
    void runOnceAndBenchInstallNoSchedule() throws Exception {
        Path home = TestHome.create(dir.resolve("home"));
        Map<String, String> overrides = new HashMap<>();
        overrides.put("sttbench.inbox", dir.resolve("inbox").toString());
        overrides.put("sttbench.outbox", dir.resolve("outbox").toString());
        overrides.put("sttbench.schedule.slow.cron", "* * * * * ?");
        overrides.put("sttbench.schedule.slow.plan", "slow.plan.yaml");

        try (PipelineApp app = PipelineApp.start(home, overrides, false)) {
            assertThat(app.context().getRoute("schedule-slow")).isNull();
            assertThat(app.context().getRegistry().lookupByNameAndType("schedules", ScheduleService.class).schedules())
                    .isEmpty();
        }
    }
}
