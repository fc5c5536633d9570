package org.sttbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sttbench.BadInputException;
import org.sttbench.pipeline.PipelineApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs one plan through the same routes the inbox uses. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run one plan (*.plan.yaml or *.plan.json).")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAN", description = "the plan file")
    Path plan;

    @Mixin
    OutboxOption outbox;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(plan)) {
            throw new BadInputException(plan + " is a folder; give a plan file (*.plan.yaml, *.plan.json)");
        }
        if (!Files.isRegularFile(plan)) {
            throw new BadInputException("plan not found: " + plan);
        }
        return runPlan(plan, outbox);
    }

    static int runPlan(Path plan, OutboxOption outbox) throws Exception {
        try (PipelineApp app = PipelineApp.start(Home.dir(), outbox.overrides(), false)) {
            app.runPlan(plan);
            return ExitCode.of(app.outcomes().outcome());
        }
    }
}
