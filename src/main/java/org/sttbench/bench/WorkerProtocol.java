package org.sttbench.bench;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
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
    /** Starts each line that carries a piece of the result JSON. */
    static final String PART = "sttbench-result ";
    /**
     * Characters of JSON per line. Container runtimes cut longer lines into pieces, and a pod or container
     * log merges stdout and stderr by the time each piece was read: a stderr line could land inside one
     * long JSON line. Short lines are logged whole, so another stream can only come between them.
     */
    static final int PART_CHARS = 2000;

    private WorkerProtocol() {
    }

    /**
     * Prints a result between the markers, as one-line ASCII JSON (no multibyte character to split) cut in
     * short tagged lines, and flushes, so a log that is cut afterwards still holds it.
     */
    public static void print(PrintWriter out, UnitResult result) throws Exception {
        String json = Json.json().writer().without(SerializationFeature.INDENT_OUTPUT)
                .with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(result);
        out.println(BEGIN);
        for (int i = 0; i < json.length(); i += PART_CHARS) {
            out.println(PART + json.substring(i, Math.min(json.length(), i + PART_CHARS)));
        }
        out.println(END);
        out.flush();
    }

    /**
     * The last result printed between the markers, if the output holds a complete one. Lines between the
     * markers that are not pieces of it (another stream's, merged into the same log) are left out.
     */
    public static Optional<UnitResult> parse(String output) {
        int begin = output.lastIndexOf(BEGIN);
        if (begin < 0) {
            return Optional.empty();
        }
        int end = output.indexOf(END, begin);
        if (end < 0) {
            return Optional.empty();
        }
        StringBuilder json = new StringBuilder();
        for (String line : output.substring(begin + BEGIN.length(), end).split("\\R")) {
            if (line.startsWith(PART)) {
                json.append(line, PART.length(), line.length());
            }
        }
        try {
            return Optional.of(Json.json().readValue(json.toString(), UnitResult.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
