package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.StreamSupport;
import org.knowm.xchart.style.Styler;
import org.sttbench.analysis.CpuScalingAnalysis;
import org.sttbench.analysis.Sizing;

/**
 * The one deciding chart of each answer at the top of the performance report, drawn at panel size:
 * speedup and efficiency against CPUs (measured points with the Amdahl and USL fits), latency percentiles
 * against load with the SLA line, pods and monthly cost against traffic; and the history trend.
 */
final class GlanceCharts {
    private static final int CURVE_POINTS = 40;

    private GlanceCharts() {
    }

    static List<Chart> all(ReportInput in) {
        List<Chart> charts = new ArrayList<>();
        String model = in.strategy() != null ? in.strategy().model()
                : in.data().cpuScaling().keySet().stream().findFirst().orElse(null);
        CpuScalingAnalysis.Result cpu = model == null ? null : in.data().cpuScaling().get(model);
        if (cpu != null) {
            charts.add(cpu(model, cpu));
        }
        if (in.data().load().isPresent()) {
            charts.add(load(in));
        }
        if (in.strategy() != null && in.strategy().traffic() != null && !in.strategy().traffic().isEmpty()) {
            charts.add(traffic(in.strategy()));
        }
        JsonNode trend = in.data().analysis().path("regression").path("trend");
        if (trend.path("points").size() > 0) {
            charts.add(history(trend));
        }
        return charts;
    }

    static Chart cpu(String model, CpuScalingAnalysis.Result r) {
        List<CpuScalingAnalysis.ScalingPoint> points = r.points();
        double[] cpus = points.stream().mapToDouble(CpuScalingAnalysis.ScalingPoint::cpus).toArray();
        double[] speedup = points.stream().mapToDouble(CpuScalingAnalysis.ScalingPoint::speedup).toArray();
        double[] efficiency = points.stream().mapToDouble(p -> p.efficiency() * 100).toArray();
        double nb = r.baselineCpus();
        double top = Math.max(cpus[cpus.length - 1], nb * 2);
        double[] grid = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            grid[i] = nb + (top - nb) * i / (CURVE_POINTS - 1);
        }
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("speedup", cpus, speedup, Charts.Style.LINE));
        series.add(new Charts.Series("efficiency", cpus, efficiency, Charts.Style.LINE).onRight());
        series.add(new Charts.Series("ideal", new double[] {nb, top}, new double[] {1, top / nb}, Charts.Style.REFERENCE));
        if (r.amdahl() != null) {
            double s = r.amdahl().serialFraction();
            series.add(new Charts.Series("Amdahl fit", grid,
                    map(grid, n -> CpuScalingAnalysis.amdahlRelative(s, n, nb)), Charts.Style.CURVE));
        }
        if (r.usl() != null) {
            series.add(new Charts.Series("USL fit", grid,
                    map(grid, n -> CpuScalingAnalysis.uslRelative(r.usl().sigma(), r.usl().kappa(), n, nb)), Charts.Style.CURVE));
        }
        return Charts.xy(new Charts.Plot("glance-cpu", "Speedup and efficiency vs CPUs (" + model + ")", "CPUs per pod (limit)",
                "speedup (x " + Answers.cpus(nb) + " CPU)", series).legend(Styler.LegendPosition.InsideNW)
                .rightAxis("efficiency (%)", "0").panelSized());
    }

    static Chart load(ReportInput in) {
        JsonNode load = in.data().load().orElseThrow();
        List<JsonNode> levels = StreamSupport.stream(load.path("levels").spliterator(), false).toList();
        double[] c = column(levels, "concurrency", 1);
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("p50", c, column(levels, "p50_ms", 1000), Charts.Style.LINE));
        series.add(new Charts.Series("p95", c, column(levels, "p95_ms", 1000), Charts.Style.LINE));
        series.add(new Charts.Series("p99", c, column(levels, "p99_ms", 1000), Charts.Style.LINE));
        Double sla = ReportCatalog.slaP95(in);
        if (sla != null) {
            double to = c.length > 1 ? c[c.length - 1] : c[0] + 1;
            series.add(new Charts.Series("SLA p95", new double[] {c[0], to},
                    new double[] {sla / 1000, sla / 1000}, Charts.Style.LIMIT));
        }
        return Charts.xy(new Charts.Plot("glance-load", "Latency percentiles vs load", "concurrent requests",
                "latency (s)", series).legend(Styler.LegendPosition.InsideNW).panelSized());
    }

    /** Monthly cost against traffic, each point labelled with the pods behind it; pods alone without prices. */
    static Chart traffic(ScalingStrategy s) {
        List<Sizing.TrafficRecommendation> t = s.traffic();
        double[] rps = t.stream().mapToDouble(Sizing.TrafficRecommendation::rps).toArray();
        double[] pods = t.stream().mapToDouble(Sizing.TrafficRecommendation::pods).toArray();
        boolean costed = t.stream().allMatch(x -> x.monthlyCost() != null);
        double[] y = costed ? t.stream().mapToDouble(Sizing.TrafficRecommendation::monthlyCost).toArray() : pods;
        List<Charts.Label> labels = new ArrayList<>();
        for (Sizing.TrafficRecommendation level : t) {
            labels.add(new Charts.Label(level.pods() + " x " + Answers.cpus(level.cpusPerPod()) + " CPU", level.rps(),
                    costed ? level.monthlyCost() : level.pods()));
        }
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series(costed ? "cost a month" : "pods", rps, y, Charts.Style.LINE));
        Double target = s.sizing() == null ? null : s.sizing().targetRps();
        if (target != null) {
            double top = Arrays.stream(y).max().orElse(1) * 1.15;
            series.add(new Charts.Series("target " + Answers.cpus(target) + " RPS", new double[] {target, target},
                    new double[] {0, top}, Charts.Style.REFERENCE));
        }
        return Charts.xy(new Charts.Plot("glance-scale", costed ? "Monthly cost and pods vs traffic" : "Pods vs traffic",
                "traffic (requests/s)", costed ? s.prices().currency() + " a month" : "pods", series)
                .yPattern(costed ? "#,##0" : "0").labelled(labels).panelSized());
    }

    static Chart history(JsonNode trend) {
        List<JsonNode> points = StreamSupport.stream(trend.path("points").spliterator(), false).toList();
        double[] run = new double[points.size()];
        for (int i = 0; i < run.length; i++) {
            run[i] = i + 1 - run.length; // 0 is this run, -1 the one before...
        }
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("mean", run, column(points, "mean_ms", 1000), Charts.Style.LINE));
        if (points.stream().allMatch(p -> p.hasNonNull("p95_ms"))) {
            series.add(new Charts.Series("p95", run, column(points, "p95_ms", 1000), Charts.Style.LINE));
        }
        return Charts.xy(new Charts.Plot("glance-history", "Latency of the last runs: " + trend.path("measurement").asText(),
                "run (0 = this run, -1 = the one before)", "latency (s)", series)
                .legend(Styler.LegendPosition.InsideSW).panelSized());
    }

    private static double[] column(List<JsonNode> rows, String field, double divisor) {
        return rows.stream().mapToDouble(r -> r.path(field).asDouble() / divisor).toArray();
    }

    private static double[] map(double[] xs, DoubleUnaryOperator f) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = f.applyAsDouble(xs[i]);
        }
        return out;
    }
}
