package org.sttbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sttbench.BadInputException;
import org.sttbench.pipeline.PipelineApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The pipeline: watches the inbox, runs what is dropped there, writes results and reports to the outbox. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Watch the inbox for audio and plans and run them (--once: process what is there, then exit).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "process what is in the inbox, then exit with the outcome's code")
    boolean once;

    @Option(names = "--inbox", paramLabel = "DIR", description = "where audio and plans are dropped (default: inbox)")
    Path inbox;

    @Mixin
    OutboxOption outbox;

    @Option(names = "--plan", paramLabel = "PLAN",
            description = "with --once: also run this plan file (repeatable), e.g. a CronJob's plan from a ConfigMap")
    List<Path> plans = new ArrayList<>();

    @Option(names = "--max-time", paramLabel = "DURATION", converter = MaxTime.Converter.class,
            description = "with --once: give up after this long (exit 1): PT6H, 90m, 2h, 45s"
                    + " (default: sttbench.once.max-time, PT6H)")
    Duration maxTime;

    private static boolean finished(CompletableFuture<Void> planned, long deadline) throws InterruptedException {
        try {
            planned.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // the run's own outcome is recorded; a failure to even queue it is one too
            return true;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!plans.isEmpty() && !once) {
            throw new BadInputException("--plan needs --once; in service mode use a schedule (sttbench.schedule.<name>.plan)");
        }
        Map<String, String> overrides = outbox.overrides();
        if (inbox != null) {
            overrides.put("sttbench.inbox", inbox.toAbsolutePath().toString());
        }
        if (!once) {
            overrides.put(PipelineApp.SERVICE, "true");
        }
        try (PipelineApp app = PipelineApp.start(Home.dir(), overrides, true)) {
            var out = spec.commandLine().getOut();
            var properties = app.context().getPropertiesComponent();
            out.println("watching " + app.settings().inbox() + " -> " + app.settings().outbox());
            if (!once) {
                if (properties.resolveProperty("camel.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
                    String base = "http://" + properties.resolveProperty("camel.management.host").orElse("0.0.0.0") + ":"
                            + properties.resolveProperty("camel.management.port").orElse("9876");
                    out.println("health: " + base + "/observe/health  metrics: " + base + "/observe/metrics");
                }
                app.awaitShutdown();
                return ExitCode.OK;
            }
            Duration bound = maxTime != null ? maxTime
                    : MaxTime.parse(properties.resolveProperty(MaxTime.PROPERTY).orElse(MaxTime.DEFAULT), MaxTime.PROPERTY);
            long deadline = System.nanoTime() + bound.toNanos();
            for (Path plan : plans) {
                app.checkPlan(plan);
            }
            // queued beside the inbox's runs; seda:runs still runs one at a time
            CompletableFuture<Void> planned = CompletableFuture.runAsync(() -> plans.forEach(app::runPlan));
            if (!app.awaitInboxProcessed(bound) || !finished(planned, deadline)) {
                spec.commandLine().getErr().println("sttbench: the inbox was not processed within " + bound
                        + "; stopping the runs in progress");
                // the workers are child processes: stop them rather than leave them running after this exit
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
                return ExitCode.FAILED;
            }
            var outcomes = app.outcomes();
            out.printf("done: %d run(s), %d input(s) rejected%n", outcomes.finishedRuns(), outcomes.rejectedInputs().size());
            return ExitCode.of(outcomes.outcome());
        }
    }
}
