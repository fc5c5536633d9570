package org.sttbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.analysis.InstanceScale;
import org.sttbench.report.MachineComparison;
import org.sttbench.report.Reports;
import org.sttbench.results.Attachments;
import org.sttbench.results.HistoryAnalyzer;
import org.sttbench.results.Outbox;
import org.sttbench.results.ResultsFiles;
import org.sttbench.results.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Renders every report the given results allow into {@code <outbox>/<run-id>/}, from the results files alone.
 * Earlier files are never overwritten: when the run folder already holds reports, the new ones go into a
 * {@code reports-<timestamp>/} folder inside it. With several files, a normalization comparison of each
 * against the first is written to {@code <outbox>/comparisons/}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the reports (Markdown, HTML, charts, Kubernetes manifests) from results.json files.")
public final class ReportCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.json", arity = "1..*", description = "results files of one or more runs")
    List<Path> files;

    @Mixin
    OutboxOption outbox;

    @Option(names = "--normalize", paramLabel = "TYPE=RATIO,...",
            description = "bring the CPU scaling and threads curves onto one instance type's scale with the "
                    + "normalization ratios sttbench compare measured (e.g. c6i.large=1.0,m5.large=1.21): each point's "
                    + "latency is divided by its instance type's ratio; the reports say so")
    String normalize;

    @Override
    public Integer call() throws IOException {
        List<RunResult> runs = new ArrayList<>();
        for (Path file : files) {
            runs.add(ResultsFiles.read(file)); // every file is checked before anything is written
        }
        InstanceScale scale = scale(normalize);
        Path outboxDir = outbox.resolved();
        Reports reports = new Reports(Home.dir().resolve("templates"));
        HistoryAnalyzer history = new HistoryAnalyzer(outboxDir.resolve(Outbox.HISTORY_DIR));
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        List<RunResult> analysed = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            analysed.add(reanalyze(runs.get(i), scale, files.get(i))); // a missing ratio stops before anything is written
        }
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = analysed.get(i);
            if (!run.analysis().has(Attachments.REGRESSION)) {
                run = history.attach(run);
            }
            Path dir = targetDir(outboxDir, run.runId(), now);
            Path results = outboxDir.resolve(run.runId()).resolve(Outbox.RESULTS_FILE);
            if (!Files.exists(results)) {
                Files.copy(files.get(i), results, StandardCopyOption.COPY_ATTRIBUTES);
            }
            List<Path> written = reports.render(run, dir);
            out.printf("%s: %d file(s) in %s%n", run.runId(), written.size(), dir);
            for (Path p : written) {
                out.println("  " + p);
            }
        }
        if (runs.size() > 1) {
            Path dir = outboxDir.resolve("comparisons");
            Files.createDirectories(dir);
            for (int i = 1; i < runs.size(); i++) {
                MachineComparison.Result result = MachineComparison.compare(files.get(0).toString(), runs.get(0),
                        files.get(i).toString(), runs.get(i));
                Path target = CompareCommand.freshFile(dir, "compare-" + runs.get(0).runId() + "-vs-" + runs.get(i).runId(), ".json");
                Files.write(target, Json.json().writeValueAsBytes(result));
                CompareCommand.print(out, result);
                out.println("  saved: " + target);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    static InstanceScale scale(String text) {
        if (text == null) {
            return InstanceScale.NONE;
        }
        try {
            return InstanceScale.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--normalize: " + e.getMessage());
        }
    }

    /** A point on a type the ratios do not name is refused rather than left on its own scale. */
    private static RunResult reanalyze(RunResult run, InstanceScale scale, Path file) {
        try {
            return Attachments.reanalyze(run, scale);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--normalize: " + file + ": " + e.getMessage());
        }
    }

    /**
     * The run folder when it holds no reports yet (created if missing), else a fresh {@code reports-<stamp>}
     * folder inside it.
     */
    static Path targetDir(Path outboxDir, String runId, Instant now) throws IOException {
        Path runDir = outboxDir.resolve(runId);
        Files.createDirectories(runDir);
        boolean hasReports;
        try (Stream<Path> entries = Files.list(runDir)) {
            hasReports = entries.anyMatch(p -> !p.getFileName().toString().equals(Outbox.RESULTS_FILE));
        }
        if (!hasReports) {
            return runDir;
        }
        String base = "reports-" + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path dir = runDir.resolve(n == 1 ? base : base + "-" + n);
            try {
                Files.createDirectory(dir);
                return dir;
            } catch (FileAlreadyExistsException e) {
                // rendered twice in one second: next suffix
            }
        }
    }
}
