package org.sttbench.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sttbench.BadInputException;
import org.sttbench.HaltPoint;
import org.sttbench.Json;
import org.sttbench.OneLine;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.bench.Worker;
import org.sttbench.bench.WorkerProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one work unit and prints its result JSON on stdout, between markers so an executor can find it
 * in a container or pod log that also holds other output.
 */
@Command(name = WorkerProtocol.COMMAND, mixinStandardHelpOptions = true,
        description = "Run one work unit (JSON) and print its result JSON; executors start this.")
public final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--unit", description = "the work unit JSON file; '-' or absent reads stdin, unless STTBENCH_UNIT holds the JSON")
    String unitFile;

    @Override
    public Integer call() throws Exception {
        WorkUnit unit = readUnit();
        HaltPoint.reach("unit");
        UnitResult result;
        int code;
        try {
            result = new Worker(line -> spec.commandLine().getErr().println(line)).run(unit);
            code = ExitCode.OK;
        } catch (BadInputException e) {
            result = UnitResult.failed(unit, null, e.getMessage());
            code = ExitCode.BAD_INPUT;
        }
        WorkerProtocol.print(spec.commandLine().getOut(), result);
        return code;
    }

    private WorkUnit readUnit() throws Exception {
        String json;
        String fromEnv = System.getenv("STTBENCH_UNIT");
        if (unitFile != null && !unitFile.equals("-")) {
            json = Files.readString(Path.of(unitFile));
        } else if (unitFile == null && fromEnv != null && !fromEnv.isBlank()) {
            json = fromEnv;
        } else {
            try (InputStream in = System.in) {
                json = new String(in.readAllBytes());
            }
        }
        try {
            return Json.json().readValue(json, WorkUnit.class);
        } catch (Exception e) {
            throw new BadInputException("invalid work unit JSON: " + OneLine.of(e));
        }
    }
}
