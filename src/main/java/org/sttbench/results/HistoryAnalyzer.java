package org.sttbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sttbench.Json;
import org.sttbench.analysis.Numbers;
import org.sttbench.analysis.RegressionDetector;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;

/**
 * Compares a run with the earlier runs in the outbox {@code history/} folder: same machine (cpu_model and
 * architecture), same model, same suite, clip, CPU limit and thread count. Each such measurement gets a
 * {@link RegressionDetector} verdict; the result is stored as {@code analysis.regression}.
 *
 * <p>Only runs that started before this one count, so re-rendering an old result gives the same verdict.
 * Whether a regression fails the run is the caller's choice: {@link #shouldFail(RunResult)} reads the
 * {@value #FAIL_ON_REGRESSION} property.
 */
public final class HistoryAnalyzer {
    /** System property (or STTBENCH_FAIL_ON_REGRESSION): true makes a detected regression fail the run. */
    public static final String FAIL_ON_REGRESSION = "sttbench.fail-on-regression";
    private static final List<Suite> COMPARED = List.of(Suite.LATENCY, Suite.CPU_SCALING, Suite.THREADS);

    private final Path historyDir;
    private final RegressionDetector detector;

    public HistoryAnalyzer(Path historyDir) {
        this(historyDir, new RegressionDetector());
    }

    public HistoryAnalyzer(Path historyDir, RegressionDetector detector) {
        this.historyDir = historyDir;
        this.detector = detector;
    }

    /** One compared measurement. */
    public record Check(String model, String suite, String audio, Double cpuLimit, int threads,
                        RegressionDetector.Verdict verdict, Double deltaPct, double currentMeanMs,
                        Double baselineMeanMs, int runsInBaseline, String reason) {
    }

    /**
     * @param machine     the cpu_model / architecture history was matched on
     * @param historyRuns earlier runs of this machine found in the history
     * @param regressed   at least one check is a REGRESSION
     * @param note        why nothing was compared, when nothing was
     * @param trend       the first compared measurement over the last runs of the same plan (null without one)
     */
    public record Result(String machine, int historyRuns, List<Check> checks, boolean regressed, String note,
                         Trend trend) {
    }

    /** How many runs a trend shows, this one included. */
    public static final int TREND_RUNS = 10;

    /**
     * One measurement of the same plan on the same machine, run after run, oldest first, this run last.
     *
     * @param measurement what was measured: model, suite, clip, CPU limit, threads
     * @param verdict     this run's regression verdict for it
     */
    public record Trend(String measurement, RegressionDetector.Verdict verdict, List<TrendPoint> points) {
    }

    /** @param meanMs mean latency of the measurement in that run */
    public record TrendPoint(String runId, Instant timestamp, double meanMs, Double p95Ms) {
    }

    public Result analyze(RunResult run) {
        String machine = run.cpuModel() + " / " + run.architecture();
        List<RunResult> earlier = earlierRuns(run);
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, Measured> e : measured(run).entrySet()) {
            Measured current = e.getValue();
            if (current.m.latency() == null) {
                continue;
            }
            List<RegressionDetector.Measurement> history = new ArrayList<>();
            for (RunResult previous : earlier) {
                Measured before = measured(previous).get(e.getKey());
                if (before != null && before.m.latency() != null) {
                    history.add(RegressionDetector.Measurement.of(before.m.latency()));
                }
            }
            RegressionDetector.Result r = detector.check(RegressionDetector.Measurement.of(current.m.latency()), history);
            checks.add(new Check(current.model, current.suite.id(), current.m.audio() == null ? null : current.m.audio().name(),
                    current.cpuLimit, current.m.threads(), r.verdict(), r.deltaPct(), current.m.latency().avgMs(),
                    r.baselineMeanMs(), r.runsInBaseline(), r.reason()));
        }
        String note = earlier.isEmpty() ? "no earlier run of this machine in the history" : checks.isEmpty()
                ? "no latency, cpu_scaling or threads measurement to compare" : null;
        boolean regressed = checks.stream().anyMatch(c -> c.verdict() == RegressionDetector.Verdict.REGRESSION);
        return new Result(machine, earlier.size(), List.copyOf(checks), regressed, note, trend(run, earlier, checks));
    }

    /** The first compared measurement (the latency suite's when there is one) across the last runs of this plan. */
    private static Trend trend(RunResult run, List<RunResult> earlier, List<Check> checks) {
        Map<String, Measured> current = measured(run);
        String key = current.keySet().stream().filter(k -> current.get(k).m.latency() != null)
                .min(Comparator.comparingInt(k -> COMPARED.indexOf(current.get(k).suite))).orElse(null);
        if (key == null) {
            return null;
        }
        List<TrendPoint> points = new ArrayList<>();
        for (RunResult previous : earlier) {
            Measured before = Objects.equals(previous.planName(), run.planName()) ? measured(previous).get(key) : null;
            if (before != null && before.m.latency() != null) {
                points.add(point(previous, before.m));
            }
        }
        points = new ArrayList<>(points.subList(Math.max(0, points.size() - (TREND_RUNS - 1)), points.size()));
        Measured m = current.get(key);
        points.add(point(run, m.m));
        String what = m.model + " " + m.suite.id() + (m.m.audio() == null ? "" : " " + m.m.audio().name())
                + (m.cpuLimit == null ? "" : ", " + Numbers.plain(m.cpuLimit, 2) + " CPU") + ", " + m.m.threads() + " thread"
                + (m.m.threads() == 1 ? "" : "s");
        RegressionDetector.Verdict verdict = checks.stream()
                .filter(c -> c.model().equals(m.model) && c.suite().equals(m.suite.id()) && c.threads() == m.m.threads()
                        && Objects.equals(c.cpuLimit(), m.cpuLimit)
                        && Objects.equals(c.audio(), m.m.audio() == null ? null : m.m.audio().name()))
                .map(Check::verdict).findFirst().orElse(null);
        return new Trend(what, verdict, List.copyOf(points));
    }

    private static TrendPoint point(RunResult run, Measurement m) {
        return new TrendPoint(run.runId(), run.timestamp(), m.latency().avgMs(), m.latency().p95Ms());
    }


    /** The run with {@code analysis.regression} set (replacing an earlier verdict). */
    public RunResult attach(RunResult run) {
        return Attachments.with(run, Attachments.REGRESSION, Json.json().valueToTree(analyze(run)));
    }

    /** True when {@value #FAIL_ON_REGRESSION} is set to true and the run's analysis holds a regression. */
    public static boolean shouldFail(RunResult run) {
        return failOnRegression() && regressed(run);
    }

    public static boolean failOnRegression() {
        String value = System.getProperty(FAIL_ON_REGRESSION);
        if (value == null) {
            value = System.getenv("STTBENCH_FAIL_ON_REGRESSION");
        }
        return value != null && Boolean.parseBoolean(value.trim());
    }

    public static boolean regressed(RunResult run) {
        return run.analysis() != null && run.analysis().path("regression").path("regressed").asBoolean(false);
    }

    private record Measured(String model, Suite suite, Double cpuLimit, Measurement m) {
    }

    /** Every comparable measurement of a run by key: model | suite | clip | cpu limit | threads. */
    private static Map<String, Measured> measured(RunResult run) {
        Map<String, Measured> out = new LinkedHashMap<>();
        for (UnitResult unit : run.units()) {
            if (!unit.ok() || !COMPARED.contains(unit.unit().suite())) {
                continue;
            }
            for (Measurement m : unit.measurements()) {
                Double limit = m.cpuLimit() != null ? m.cpuLimit() : unit.unit().cpuLimit();
                String key = String.join("|", unit.unit().model().name(), unit.unit().suite().id(),
                        m.audio() == null ? "" : m.audio().name(), String.valueOf(limit), String.valueOf(m.threads()));
                out.putIfAbsent(key, new Measured(unit.unit().model().name(), unit.unit().suite(), limit, m));
            }
        }
        return out;
    }

    private List<RunResult> earlierRuns(RunResult run) {
        List<RunResult> runs = new ArrayList<>();
        if (historyDir == null || !Files.isDirectory(historyDir)) {
            return runs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(historyDir, "*.json")) {
            for (Path file : files) {
                RunResult previous;
                try {
                    previous = Outbox.read(file);
                } catch (IOException | RuntimeException e) {
                    continue; // a foreign or damaged file in the history is not this run's problem
                }
                if (previous.timestamp() == null || Objects.equals(previous.runId(), run.runId())
                        || !previous.timestamp().isBefore(run.timestamp())
                        || !same(previous.cpuModel(), run.cpuModel()) || !same(previous.architecture(), run.architecture())) {
                    continue;
                }
                runs.add(previous);
            }
        } catch (IOException e) {
            return runs;
        }
        runs.sort(Comparator.comparing(RunResult::timestamp));
        return runs;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    /** Convenience for callers holding the analysis as JSON. */
    public static JsonNode toJson(Result result) {
        return Json.json().valueToTree(result);
    }
}
