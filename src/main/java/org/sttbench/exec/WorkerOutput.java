package org.sttbench.exec;

import java.util.Optional;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkerProtocol;

/** Finds the result JSON a worker printed between its markers, in stdout or a container or pod log. */
public final class WorkerOutput {
    private WorkerOutput() {
    }

    public static Optional<UnitResult> parse(String output) {
        return WorkerProtocol.parse(output);
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
