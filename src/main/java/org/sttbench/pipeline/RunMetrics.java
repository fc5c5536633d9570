package org.sttbench.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * The pipeline's progress as Micrometer meters, served with Camel's own at /observe/metrics:
 * runs started, finished, failed and missing their SLO, units, rejected inputs, what waits in the inbox
 * and the run queue, and per schedule its firings, skips, misses and errors. Every meter reads state the
 * pipeline keeps anyway, so nothing here is on the measurement path.
 */
public final class RunMetrics {
    private RunMetrics() {
    }

    public static void bind(MeterRegistry registry, CamelContext context, Settings settings, RunOutcomes outcomes,
                            RunProgress progress, InboxService inbox, ScheduleService schedules) {
        counter(registry, "sttbench.runs.started", "runs that started", progress, p -> p.runsStarted());
        counter(registry, "sttbench.runs.finished", "runs that ended, whatever the outcome", outcomes,
                o -> o.finishedRuns());
        counter(registry, "sttbench.runs.failed", "runs that failed or could not start", outcomes, o -> o.failedRuns());
        counter(registry, "sttbench.runs.slo.missed", "runs that missed a service-level objective of their plan",
                outcomes, o -> o.sloFailures());
        counter(registry, "sttbench.units.finished", "work units that ran, ok or failed", progress,
                p -> p.unitsFinished());
        counter(registry, "sttbench.units.failed", "work units that failed", progress, p -> p.unitsFailed());
        counter(registry, "sttbench.inputs.rejected", "inbox files rejected", outcomes,
                o -> o.rejectedInputs().size());
        Gauge.builder("sttbench.inbox.pending", inbox, i -> i.pending() + waitingFiles(settings.inbox()))
                .description("inbox files not yet handed to a run").register(registry);
        Gauge.builder("sttbench.runs.queued", context, RunMetrics::queuedRuns)
                .description("runs waiting for the one before them").register(registry);
        Gauge.builder("sttbench.runs.active", context, c -> c.getInflightRepository().size("run"))
                .description("runs in progress (0 or 1)").register(registry);
        for (Schedule s : schedules.schedules()) {
            ScheduleService.Stats stats = schedules.stats(s.name());
            scheduleCounter(registry, "sttbench.schedule.fired", "scheduled runs queued", s, stats, x -> x.fired());
            scheduleCounter(registry, "sttbench.schedule.skipped",
                    "firings skipped because the previous run was still in progress", s, stats, x -> x.skipped());
            scheduleCounter(registry, "sttbench.schedule.missed",
                    "fire times missed while down or through a Quartz misfire", s, stats, x -> x.missed());
            scheduleCounter(registry, "sttbench.schedule.errors", "firings whose plan could not run", s, stats,
                    x -> x.errors());
        }
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source,
                                    ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    private static void scheduleCounter(MeterRegistry registry, String name, String description, Schedule s,
                                        ScheduleService.Stats stats, ToDoubleFunction<ScheduleService.Stats> value) {
        FunctionCounter.builder(name, stats, value).description(description).tag("schedule", s.name())
                .register(registry);
    }

    static double queuedRuns(CamelContext context) {
        return context.getEndpoints().stream().filter(SedaEndpoint.class::isInstance).map(SedaEndpoint.class::cast)
                .filter(e -> "runs".equals(e.getName()))
                .findFirst().map(SedaEndpoint::getCurrentQueueSize).orElse(0);
    }

    static long waitingFiles(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
