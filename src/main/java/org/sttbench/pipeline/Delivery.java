package org.sttbench.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.sttbench.FileTrees;
import org.sttbench.Json;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;

/**
 * After a run: refreshes {@code outbox/latest/} (a copy of the newest run folder, for dashboards and
 * links that should not change) and builds the short JSON notice the delivery endpoints receive.
 */
public final class Delivery {
    public static final String LATEST = "latest";

    private final Settings settings;

    public Delivery(Settings settings) {
        this.settings = settings;
    }

    /** Replaces outbox/latest with the run's folder; the run folder itself is never touched. */
    public void latest(@Body RunResult run) throws IOException {
        Path source = settings.outbox().resolve(run.runId());
        Path latest = settings.outbox().resolve(LATEST);
        Path staging = settings.outbox().resolve("." + LATEST + "-" + run.runId());
        copyTree(source, staging);
        // two renames, then the old copy is deleted: latest/ is missing for the moment between the renames,
        // not for as long as deleting a folder of reports takes
        Path previous = settings.outbox().resolve("." + LATEST + "-old-" + run.runId());
        if (Files.exists(latest)) {
            FileTrees.delete(previous);
            Files.move(latest, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, latest, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(previous);
    }

    /** One line for a mail subject (and an HTTP header webhooks may ignore): the run and how it went. */
    public String subject(@Body RunResult run) {
        String outcome = run.failedUnits() > 0 ? run.failedUnits() + " unit(s) failed"
                : RunAnalyzer.sloMissed(run) ? "SLO missed" : "passed";
        return "sttbench " + run.planName() + " run " + run.runId() + ": " + outcome;
    }

    /** What webhooks and mail get: enough to decide whether to open the reports. */
    public String notice(@Body RunResult run) throws IOException {
        ObjectNode n = Json.json().createObjectNode();
        n.put("run_id", run.runId());
        n.put("plan", run.planName());
        n.put("started", String.valueOf(run.timestamp()));
        n.put("finished", String.valueOf(run.finishedAt()));
        n.put("units", run.units().size());
        n.put("failed_units", run.failedUnits());
        n.put("sla_passed", !RunAnalyzer.sloMissed(run));
        n.put("synthetic", run.synthetic());
        n.put("results", settings.outbox().resolve(run.runId()).resolve("results.json").toString());
        n.put("performance_report", settings.outbox().resolve(run.runId()).resolve("performance-report.html").toString());
        return Json.json().writeValueAsString(n);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
