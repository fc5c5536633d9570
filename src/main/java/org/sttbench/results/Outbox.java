package org.sttbench.results;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sttbench.Json;

/**
 * The outbox folder: one folder per run ({@code <run-id>/results.json} and its reports) plus a history of
 * every results file named {@code <arch>_<model>_<timestamp>.json}. Nothing here is ever overwritten:
 * run folders are created atomically and history names take a suffix when they would collide.
 */
public final class Outbox {
    public static final String RESULTS_FILE = "results.json";
    public static final String HISTORY_DIR = "history";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;

    public Outbox(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates a fresh run folder and returns its id: {@code <stamp>-<plan>}, with -2, -3... when taken. */
    public String allocateRun(String planName, Instant start) throws IOException {
        Files.createDirectories(dir);
        String base = STAMP.format(start) + "-" + planName.replaceAll("[^A-Za-z0-9._-]", "_");
        for (int n = 1; ; n++) {
            String id = n == 1 ? base : base + "-" + n;
            try {
                Files.createDirectory(dir.resolve(id));
                return id;
            } catch (FileAlreadyExistsException e) {
                // another run started in the same second: try the next suffix
            }
        }
    }

    public Path runDir(String runId) {
        return dir.resolve(runId);
    }

    /** Writes results.json into the run folder (never replacing one) and a copy into the history. */
    public Path write(RunResult result) throws IOException {
        Path runDir = runDir(result.runId());
        Files.createDirectories(runDir);
        Path target = runDir.resolve(RESULTS_FILE);
        byte[] json = Json.json().writeValueAsBytes(result);
        // whole or not at all, and never over an earlier results.json
        AtomicFiles.write(target, json, false);
        writeHistory(result, json);
        return target;
    }

    private void writeHistory(RunResult result, byte[] json) throws IOException {
        Path history = dir.resolve(HISTORY_DIR);
        Files.createDirectories(history);
        String model = result.models().isEmpty() ? "none" : result.models().get(0).name();
        String base = (result.architecture() + "_" + model + "_" + STAMP.format(result.timestamp()))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        for (int n = 1; ; n++) {
            Path file = history.resolve(n == 1 ? base + ".json" : base + "-" + n + ".json");
            try {
                Files.write(file, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException e) {
                // same machine, model and second: keep both
            }
        }
    }

    public static RunResult read(Path resultsFile) throws IOException {
        return Json.json().readValue(resultsFile.toFile(), RunResult.class);
    }
}
