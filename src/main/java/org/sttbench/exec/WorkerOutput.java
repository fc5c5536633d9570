package org.sttbench.exec;

import java.util.Optional;
import org.sttbench.Json;
import org.sttbench.bench.UnitResult;
import org.sttbench.cli.WorkerCommand;

/** Finds the result JSON a worker printed between its markers, in stdout or a container or pod log. */
public final class WorkerOutput {
    private WorkerOutput() {
    }

    public static Optional<UnitResult> parse(String output) {
        int begin = output.lastIndexOf(WorkerCommand.BEGIN);
        if (begin < 0) {
            return Optional.empty();
        }
        int end = output.indexOf(WorkerCommand.END, begin);
        if (end < 0) {
            return Optional.empty();
        }
        String json = output.substring(begin + WorkerCommand.BEGIN.length(), end).trim();
        try {
            return Optional.of(Json.json().readValue(json, UnitResult.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The last non-blank line of a log: usually the reason a worker died. */
    public static String lastLine(String log) {
        String[] lines = log.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "(no output)";
    }
}
