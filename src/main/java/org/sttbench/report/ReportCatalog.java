package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.StreamSupport;
import org.knowm.xchart.style.Styler;
import org.sttbench.analysis.CpuScalingAnalysis;
import org.sttbench.analysis.Numbers;
import org.sttbench.analysis.ThreadTuning;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.results.RunResult;

/** Every report sttbench renders, and the charts each one draws. */
public final class ReportCatalog {
    private static final int CURVE_POINTS = 60;

    private ReportCatalog() {
    }

    public static List<ReportKind> all() {
        return List.of(audio(), cpuScaling(), threads(), load(), workers(), CapacityReport.kind(), scalingStrategy(),
                performanceReport());
    }

    static List<Measurement> measurements(RunResult run, Suite... suites) {
        List<Suite> wanted = List.of(suites);
        return run.units().stream().filter(UnitResult::ok).filter(u -> wanted.contains(u.unit().suite()))
                .flatMap(u -> u.measurements().stream()).toList();
    }

    static ReportKind audio() {
        return new ReportKind("audio", "Audio benchmark",
                in -> !measurements(in.run(), Suite.AUDIO, Suite.LATENCY).isEmpty() || in.run().units().isEmpty(),
                in -> audioCharts(in.run()));
    }

    static List<Chart> audioCharts(RunResult run) {
        List<Chart> charts = new ArrayList<>();
        List<Measurement> audio = measurements(run, Suite.AUDIO);
        if (!audio.isEmpty()) {
            double[] duration = audio.stream().mapToDouble(m -> m.audio().durationS()).toArray();
            double[] rtf = audio.stream().mapToDouble(Measurement::rtf).toArray();
            double[] processing = audio.stream().mapToDouble(m -> m.avgLatencyMs() / 1000).toArray();
            charts.add(Charts.xy("rtf-vs-duration", "Real-time factor by clip length", "audio duration (s)",
                    "RTF (processing / audio)", List.of(new Charts.Series("RTF", duration, rtf, false))));
            charts.add(Charts.xy("processing-vs-duration", "Processing time by clip length",
                    "audio duration (s)", "processing time (s)",
                    List.of(new Charts.Series("measured", duration, processing, false))));
        }
        List<Measurement> latency = measurements(run, Suite.LATENCY);
        double[] samples = latency.stream().filter(m -> m.samplesMs() != null)
                .flatMapToDouble(m -> Arrays.stream(m.samplesMs())).toArray();
        if (samples.length > 0) {
            charts.add(Charts.histogram("latency-distribution", "Latency distribution (latency suite)",
                    "latency (ms)", samples, 12));
        }
        return charts;
    }

    // ---- CPU scaling ---------------------------------------------------------------------------------

    static ReportKind cpuScaling() {
        return new ReportKind("cpu-scaling", "CPU scaling", in -> !in.data().cpuScaling().isEmpty(),
                in -> {
                    List<Chart> charts = new ArrayList<>();
                    in.data().cpuScaling().forEach((model, result) -> charts.addAll(cpuCharts(model, result)));
                    return charts;
                });
    }

    static List<Chart> cpuCharts(String model, CpuScalingAnalysis.Result r) {
        List<CpuScalingAnalysis.ScalingPoint> points = r.points();
        double[] cpus = points.stream().mapToDouble(CpuScalingAnalysis.ScalingPoint::cpus).toArray();
        double[] latency = points.stream().mapToDouble(CpuScalingAnalysis.ScalingPoint::latencyMs).toArray();
        double[] efficiency = points.stream().mapToDouble(CpuScalingAnalysis.ScalingPoint::efficiency).toArray();
        double nb = r.baselineCpus();
        double baseLatency = latency[0];
        double[] grid = grid(nb, cpus[cpus.length - 1]);
        List<Charts.Series> lat = new ArrayList<>();
        List<Charts.Series> eff = new ArrayList<>();
        lat.add(new Charts.Series("measured", cpus, latency, Charts.Style.LINE));
        eff.add(new Charts.Series("measured", cpus, efficiency, Charts.Style.LINE));
        if (grid.length > 1) {
            lat.add(new Charts.Series("linear (ideal)", grid, map(grid, n -> baseLatency * nb / n), Charts.Style.REFERENCE));
            // same series order in both charts, so a model keeps its colour
            eff.add(new Charts.Series("linear (ideal)", new double[] {grid[0], grid[grid.length - 1]}, new double[] {1, 1},
                    Charts.Style.REFERENCE));
            if (r.amdahl() != null) {
                double s = r.amdahl().serialFraction();
                lat.add(new Charts.Series("Amdahl s=" + round(s), grid,
                        map(grid, n -> baseLatency / CpuScalingAnalysis.amdahlRelative(s, n, nb)), Charts.Style.CURVE));
                eff.add(new Charts.Series("Amdahl s=" + round(s), grid,
                        map(grid, n -> CpuScalingAnalysis.amdahlRelative(s, n, nb) / (n / nb)), Charts.Style.CURVE));
            }
            if (r.usl() != null) {
                double sigma = r.usl().sigma();
                double kappa = r.usl().kappa();
                String label = "USL \u03c3=" + round(sigma) + " \u03ba=" + round(kappa);
                lat.add(new Charts.Series(label, grid,
                        map(grid, n -> baseLatency / CpuScalingAnalysis.uslRelative(sigma, kappa, n, nb)), Charts.Style.CURVE));
                eff.add(new Charts.Series(label, grid,
                        map(grid, n -> CpuScalingAnalysis.uslRelative(sigma, kappa, n, nb) / (n / nb)), Charts.Style.CURVE));
            }
            eff.add(new Charts.Series("efficient (" + round(CpuScalingAnalysis.EFFICIENT) + ")",
                    new double[] {grid[0], grid[grid.length - 1]},
                    new double[] {CpuScalingAnalysis.EFFICIENT, CpuScalingAnalysis.EFFICIENT}, Charts.Style.LIMIT));
        }
        String safe = RunData.safe(model);
        return List.of(
                Charts.xy("cpu-latency-" + safe, "Latency vs CPUs (" + model + ")", "CPUs (limit)", "mean latency (ms)", lat,
                        Styler.LegendPosition.InsideNE),
                Charts.xy("cpu-efficiency-" + safe, "Scaling efficiency vs CPUs (" + model + ")", "CPUs (limit)",
                        "efficiency (speedup / CPUs)", eff, Styler.LegendPosition.InsideNE));
    }

    // ---- threads -------------------------------------------------------------------------------------

    static ReportKind threads() {
        return new ReportKind("threads", "Thread tuning", in -> !in.data().threads().isEmpty(),
                in -> {
                    List<Chart> charts = new ArrayList<>();
                    in.data().threads().forEach((model, r) -> {
                        double[] t = r.points().stream().mapToDouble(ThreadTuning.ThreadResult::threads).toArray();
                        double[] l = r.points().stream().mapToDouble(ThreadTuning.ThreadResult::latencyMs).toArray();
                        List<Charts.Series> series = new ArrayList<>();
                        series.add(new Charts.Series("mean latency", t, l, Charts.Style.LINE));
                        List<ThreadTuning.ThreadResult> flagged = r.points().stream().filter(ThreadTuning.ThreadResult::throttling).toList();
                        if (!flagged.isEmpty()) {
                            series.add(new Charts.Series("throttling", flagged.stream().mapToDouble(ThreadTuning.ThreadResult::threads).toArray(),
                                    flagged.stream().mapToDouble(ThreadTuning.ThreadResult::latencyMs).toArray(), Charts.Style.POINTS));
                        }
                        charts.add(Charts.xy("threads-latency-" + RunData.safe(model), "Latency vs threads at "
                                + StrategyAnalyzer.fmt(r.cpuLimit()) + " CPUs (" + model + ")", "whisper.cpp threads",
                                "mean latency (ms)", series));
                    });
                    return charts;
                });
    }

    // ---- load and workers ----------------------------------------------------------------------------

    static ReportKind load() {
        return new ReportKind("load", "Load test", in -> in.data().load().isPresent() || in.data().openLoad().isPresent(),
                in -> in.data().load().isPresent() ? loadCharts(in) : openLoadCharts(in));
    }

    /** Open model: each stage's offered rate on x; latency counts from each request's intended send time. */
    static List<Chart> openLoadCharts(ReportInput in) {
        JsonNode load = in.data().openLoad().orElseThrow();
        List<JsonNode> stages = StreamSupport.stream(load.path("open").path("stages").spliterator(), false).toList();
        double[] rate = column(stages, s -> s.path("rate").asDouble());
        List<Charts.Series> pct = new ArrayList<>();
        for (String p : List.of("p50", "p95", "p99")) {
            pct.add(new Charts.Series(p, rate, column(stages, s -> s.path("latency").path(p + "_ms").asDouble()),
                    Charts.Style.LINE));
        }
        Double sla = slaP95(in);
        if (sla != null && rate.length > 1) {
            pct.add(new Charts.Series("SLA p95", new double[] {rate[0], rate[rate.length - 1]}, new double[] {sla, sla},
                    Charts.Style.LIMIT));
        }
        return List.of(
                Charts.xy("load-percentiles", "Latency percentiles vs offered rate (from intended send time)",
                        "offered rate (requests / s)", "latency (ms)", pct),
                Charts.xy("load-rps", "Throughput and goodput vs offered rate", "offered rate (requests / s)",
                        "requests / s", List.of(
                                new Charts.Series("throughput", rate, column(stages, s -> s.path("throughput_rps").asDouble()),
                                        Charts.Style.LINE),
                                new Charts.Series("goodput", rate, column(stages, s -> s.path("goodput_rps").asDouble()),
                                        Charts.Style.LINE),
                                new Charts.Series("offered (ideal)", rate, rate, Charts.Style.REFERENCE))));
    }

    /** The plan's SLA p95 in ms, or null. */
    static Double slaP95(ReportInput in) {
        return in.run().plan() == null || in.run().plan().sla() == null ? null : in.run().plan().sla().p95LatencyMs();
    }

    static List<Chart> loadCharts(ReportInput in) {
        JsonNode load = in.data().load().orElseThrow();
        List<JsonNode> levels = StreamSupport.stream(load.path("levels").spliterator(), false).toList();
        double[] c = column(levels, l -> l.path("concurrency").asDouble());
        List<Charts.Series> pct = new ArrayList<>();
        pct.add(new Charts.Series("p50", c, column(levels, l -> l.path("p50_ms").asDouble()), Charts.Style.LINE));
        pct.add(new Charts.Series("p95", c, column(levels, l -> l.path("p95_ms").asDouble()), Charts.Style.LINE));
        pct.add(new Charts.Series("p99", c, column(levels, l -> l.path("p99_ms").asDouble()), Charts.Style.LINE));
        Double sla = slaP95(in);
        if (sla != null && c.length > 1) {
            pct.add(new Charts.Series("SLA p95", new double[] {c[0], c[c.length - 1]}, new double[] {sla, sla}, Charts.Style.LIMIT));
        }
        return List.of(
                Charts.xy("load-percentiles", "Latency percentiles vs concurrency", "concurrent requests", "latency (ms)", pct),
                Charts.xy("load-rps", "Throughput vs concurrency", "concurrent requests", "successful requests / s",
                        List.of(new Charts.Series("RPS", c, column(levels, l -> l.path("rps").asDouble()), Charts.Style.LINE))));
    }

    static ReportKind workers() {
        return new ReportKind("workers", "Worker scaling", in -> in.data().workers().isPresent(), in -> {
            JsonNode workers = in.data().workers().orElseThrow();
            List<JsonNode> points = StreamSupport.stream(workers.path("points").spliterator(), false).toList();
            double[] w = column(points, p -> p.path("workers").asDouble());
            double[] rps = column(points, p -> p.path("rps").asDouble());
            double perWorker = rps[0] / w[0];
            return List.of(
                    Charts.xy("workers-rps", "Throughput vs workers", "workers", "requests / s", List.of(
                            new Charts.Series("measured", w, rps, Charts.Style.LINE),
                            new Charts.Series("linear (ideal)", w, map(w, n -> perWorker * n), Charts.Style.REFERENCE))),
                    Charts.xy("workers-efficiency", "Scaling efficiency vs workers", "workers", "efficiency", List.of(
                            new Charts.Series("efficiency", w, column(points, p -> p.path("efficiency").asDouble()),
                                    Charts.Style.LINE))));
        });
    }

    // ---- strategy and the overall report ----------------------------------------------------------------

    static ReportKind scalingStrategy() {
        return new ReportKind("scaling-strategy", "Scaling strategy", in -> in.strategy() != null,
                ReportCatalog::strategyCharts);
    }

    static List<Chart> strategyCharts(ReportInput in) {
        ScalingStrategy s = in.strategy();
        List<ScalingStrategy.Shape> sized = s.shapes().stream().filter(x -> x.pods() != null).toList();
        if (sized.isEmpty()) {
            return List.of();
        }
        List<String> names = sized.stream().map(x -> StrategyAnalyzer.fmt(x.cpus()) + " CPU/pod").toList();
        return List.of(Charts.bars("strategy-shapes", "Pods and total CPUs for " + StrategyAnalyzer.fmt(s.sizing().targetRps())
                        + " rps within the p95 SLA", "pod shape", "count", names, List.of(
                new Charts.Series("pods", new double[0], sized.stream().mapToDouble(ScalingStrategy.Shape::pods).toArray(), false),
                new Charts.Series("total CPUs", new double[0], sized.stream().mapToDouble(ScalingStrategy.Shape::totalCpus).toArray(), false))));
    }

    static ReportKind performanceReport() {
        return new ReportKind("performance-report", "Performance report", in -> true, in -> {
            List<Chart> charts = new ArrayList<>(GlanceCharts.all(in));
            if (in.strategy() != null) {
                CpuScalingAnalysis.Result r = in.data().cpuScaling().get(in.strategy().model());
                if (r != null) {
                    charts.addAll(cpuCharts(in.strategy().model(), r));
                }
                charts.addAll(strategyCharts(in));
            }
            if (in.data().load().isPresent()) {
                charts.addAll(loadCharts(in));
            }
            if (charts.isEmpty()) {
                charts.addAll(audioCharts(in.run()));
            }
            return charts;
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static double[] grid(double from, double to) {
        if (!(to > from)) {
            return new double[] {from};
        }
        double[] g = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            g[i] = from + (to - from) * i / (CURVE_POINTS - 1);
        }
        return g;
    }

    private static double[] map(double[] xs, DoubleUnaryOperator f) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = f.applyAsDouble(xs[i]);
        }
        return out;
    }

    private static double[] column(List<JsonNode> rows, ToDoubleFunction<JsonNode> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    private static String round(double v) {
        return Numbers.plain(v, 3);
    }
}
