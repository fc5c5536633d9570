package org.sttbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sttbench.Json;
import org.sttbench.analysis.NormalizationRatio;
import org.sttbench.report.MachineComparison;
import org.sttbench.results.ResultsFiles;
import org.sttbench.results.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** How much slower or faster another machine is: latency_other / latency_baseline per model and CPU limit. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Normalization ratio between two runs (other / baseline latency per model and CPU limit).")
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE.json", description = "results of the reference machine")
    Path baseline;

    @Parameters(index = "1", paramLabel = "OTHER.json", description = "results of the machine to compare")
    Path other;

    @Option(names = "--json", paramLabel = "FILE",
            description = "where to save the comparison (default: compare-<baseline run>.json next to OTHER)")
    Path json;

    @Override
    public Integer call() throws IOException {
        RunResult base = ResultsFiles.read(baseline);
        RunResult oth = ResultsFiles.read(other);
        MachineComparison.Result result = MachineComparison.compare(baseline.toString(), base, other.toString(), oth);
        PrintWriter out = spec.commandLine().getOut();
        print(out, result);
        byte[] bytes = Json.json().writeValueAsBytes(result);
        Path target;
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.write(json, bytes);
            target = json;
        } else {
            Path dir = other.toAbsolutePath().getParent();
            target = freshFile(dir, "compare-" + base.runId(), ".json");
            Files.write(target, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        }
        out.println("saved: " + target);
        out.flush();
        return ExitCode.OK;
    }

    static void print(PrintWriter out, MachineComparison.Result r) {
        out.printf("baseline: %s (%s, %s, %s)%n", r.baseline().runId(), r.baseline().cpuModel(), r.baseline().architecture(), r.baseline().executor());
        out.printf("other:    %s (%s, %s, %s)%n", r.other().runId(), r.other().cpuModel(), r.other().architecture(), r.other().executor());
        out.printf("%-16s %6s %13s %13s %8s %17s%n", "model", "CPUs", "baseline ms", "other ms", "ratio", "95% range");
        for (NormalizationRatio.KeyRatio k : r.comparison().ratios()) {
            String range = k.ratioLow() == null ? "-" : String.format(Locale.ROOT, "%.3f - %.3f", k.ratioLow(), k.ratioHigh());
            out.printf(Locale.ROOT, "%-16s %6s %13.1f %13.1f %8.3f %17s%n", k.model(), fmt(k.cpuLimit()), k.baselineMs(),
                    k.otherMs(), k.ratio(), range);
        }
        Double geo = r.comparison().geometricMean();
        if (geo != null) {
            out.printf(Locale.ROOT, "geometric mean ratio: %.3f (%s)%n", geo, geo > 1.0005
                    ? String.format(Locale.ROOT, "the other machine is %.2fx slower", geo)
                    : geo < 0.9995 ? String.format(Locale.ROOT, "the other machine is %.2fx faster", 1 / geo) : "same speed");
        }
        r.comparison().missingInOther().forEach(k -> out.println("only in baseline: " + k));
        r.comparison().missingInBaseline().forEach(k -> out.println("only in other: " + k));
        r.notes().forEach(n -> out.println("note: " + n));
    }

    /** {@code dir/name.ext}, or name-2.ext, -3... when taken: comparisons never overwrite each other. */
    static Path freshFile(Path dir, String name, String ext) throws IOException {
        Files.createDirectories(dir);
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        for (int n = 1; ; n++) {
            Path file = dir.resolve(n == 1 ? safe + ext : safe + "-" + n + ext);
            try {
                return Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // keep the earlier comparison
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
