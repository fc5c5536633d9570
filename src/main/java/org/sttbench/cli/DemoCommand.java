package org.sttbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sttbench.models.ModelStore;
import org.sttbench.models.SyntheticModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The whole job on the embedded default: no network, no cluster. Makes the synthetic tiny model when
 * the store has no tiny model, then runs plans/demo.plan.yaml through the same routes as any plan.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo plan end to end with a synthetic tiny model (no network needed).")
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_PLAN = "plans/demo.plan.yaml";

    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOption outbox;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        ModelStore store = ModelStore.fromEnvironment();
        Path model = store.pathFor("tiny");
        if (!Files.isRegularFile(model)) {
            out.println("making a synthetic tiny model in " + store.dir() + " (real shape, random weights: timing only)");
            new SyntheticModelWriter(SyntheticModelWriter.Shape.byName("tiny"), SyntheticModelWriter.Options.defaults())
                    .write(model);
        }
        Path plan = Home.dir().resolve(DEMO_PLAN);
        out.println("running " + plan + " -> " + outbox.resolved());
        int code = BenchCommand.runPlan(plan, outbox);
        out.println(code == ExitCode.OK ? "demo finished: open the reports listed above"
                : "demo finished with exit code " + code);
        return code;
    }
}
