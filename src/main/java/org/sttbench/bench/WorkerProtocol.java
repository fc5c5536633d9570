package org.sttbench.bench;

import java.io.PrintWriter;
import java.util.Optional;
import org.sttbench.Json;

/**
 * How a worker process and the executor that started it talk: the class and command that start it, and
 * the marker lines around the result JSON, so the result can be found in stdout, a container log or a
 * pod log alike. Both sides read it from here, so neither depends on the other's package.
 */
public final class WorkerProtocol {
    /** the application's entry class; kept as a name because executors start it in another JVM or image */
    public static final String ENTRY_CLASS = "org.sttbench.cli.Main";
    /** the subcommand that runs one work unit */
    public static final String COMMAND = "worker";
    public static final String BEGIN = "----- sttbench result begin -----";
    public static final String END = "----- sttbench result end -----";

    private WorkerProtocol() {
    }

    /** Prints a result between the markers and flushes, so a log that is cut afterwards still holds it. */
    public static void print(PrintWriter out, UnitResult result) throws Exception {
        out.println(BEGIN);
        out.println(Json.json().writeValueAsString(result));
        out.println(END);
        out.flush();
    }

    /** The last result printed between the markers, if the output holds a complete one. */
    public static Optional<UnitResult> parse(String output) {
        int begin = output.lastIndexOf(BEGIN);
        if (begin < 0) {
            return Optional.empty();
        }
        int end = output.indexOf(END, begin);
        if (end < 0) {
            return Optional.empty();
        }
        String json = output.substring(begin + BEGIN.length(), end).trim();
        try {
            return Optional.of(Json.json().readValue(json, UnitResult.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
