package org.sttbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.models.ModelStore;
import org.sttbench.models.SyntheticModelWriter;
import org.sttbench.workers.LocalWorkerFleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The whole job on the embedded default: no network, no cluster. Makes the synthetic tiny model when
 * the store has no tiny model, starts a local {@code sttbench serve} of it for the load suite, then runs
 * plans/demo.plan.yaml (its load target pointed at that server) through the same routes as any plan.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo plan end to end with a synthetic tiny model (no network needed).")
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_PLAN = "plans/demo.plan.yaml";
    static final String MODEL = "tiny";
    /** The demo's server gets one CPU: the shape of the smallest pod, and the other core stays for the load generator. */
    static final double SERVE_CPUS = 1.0;

    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOption outbox;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        ModelStore store = ModelStore.fromEnvironment();
        Path model = store.pathFor(MODEL);
        // tiny is the smallest real Whisper shape; "micro" exists for tests but has no real model to stand for
        if (!Files.isRegularFile(model)) {
            out.println("making a synthetic tiny model in " + store.dir() + " (real shape, random weights: timing only)");
            new SyntheticModelWriter(SyntheticModelWriter.Shape.byName(MODEL), SyntheticModelWriter.Options.defaults())
                    .write(model);
        }
        out.println("model: " + MODEL + " (" + model + "), the smallest real Whisper shape: its timings are the real"
                + " model's, its transcripts are not");
        Path plan = Home.dir().resolve(DEMO_PLAN);
        out.println("CPU scaling at 1 and 2 CPUs (what a 2-core machine gives); a bigger machine or"
                + " executor: docker|kubernetes gives the 1/2/4/8 curve");
        Path work = Files.createTempDirectory("sttbench-demo");
        try (LocalWorkerFleet server = new LocalWorkerFleet(model, SERVE_CPUS, Duration.ofMinutes(2))) {
            String url = server.start(1).get(0);
            out.println("load test target: sttbench serve at " + url + " (1 worker, " + (int) SERVE_CPUS + " CPU)");
            Path runPlan = work.resolve(plan.getFileName());
            Files.writeString(runPlan, withLoadTarget(plan, url));
            out.println("running " + plan + " -> " + outbox.resolved());
            int code = BenchCommand.runPlan(runPlan, outbox);
            out.println(code == ExitCode.OK ? "demo finished" : "demo finished with exit code " + code);
            return code;
        } finally {
            try (var files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** The demo plan as YAML with its load suite aimed at {@code url}; everything else as written. */
    static String withLoadTarget(Path plan, String url) throws Exception {
        if (!Files.isRegularFile(plan)) {
            throw new BadInputException("demo plan not found: " + plan);
        }
        var tree = Json.yaml().readTree(plan.toFile());
        if (!(tree.path("suites").path("load") instanceof ObjectNode load)) {
            throw new BadInputException(plan + " has no load suite for the demo's server");
        }
        load.put("target", url);
        // audio globs are resolved against the installation, so the copy may live anywhere
        return Json.yaml().writeValueAsString(tree);
    }
}
