package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/** The capacity report ({@code analysis.capacity}): latency percentiles and goodput against the offered rate. */
final class CapacityReport {
    private CapacityReport() {
    }

    static ReportKind kind() {
        return new ReportKind("capacity", "Capacity under the SLA", in -> capacity(in) != null, CapacityReport::charts);
    }

    static JsonNode capacity(ReportInput in) {
        JsonNode analysis = in.run().analysis();
        JsonNode c = analysis == null ? null : analysis.get("capacity");
        return c == null || !c.path("steps").isArray() ? null : c;
    }

    static List<Chart> charts(ReportInput in) {
        JsonNode c = capacity(in);
        List<JsonNode> steps = StreamSupport.stream(c.path("steps").spliterator(), false)
                .map(s -> s.path("measurement")).filter(m -> m.path("successes").asLong() > 0)
                .sorted(Comparator.comparingDouble(m -> m.path("rate").asDouble())).toList();
        if (steps.isEmpty()) {
            return List.of();
        }
        double[] rate = col(steps, "rate");
        List<Charts.Series> pct = new ArrayList<>();
        pct.add(new Charts.Series("p50", rate, col(steps, "p50_ms"), Charts.Style.LINE));
        pct.add(new Charts.Series("p95", rate, col(steps, "p95_ms"), Charts.Style.LINE));
        pct.add(new Charts.Series("p99", rate, col(steps, "p99_ms"), Charts.Style.LINE));
        double sla = c.path("sla_p95_ms").asDouble();
        double lo = rate[0];
        double hi = rate[rate.length - 1] > lo ? rate[rate.length - 1] : lo * 1.1;
        pct.add(new Charts.Series("SLA p95", new double[] {lo, hi}, new double[] {sla, sla}, Charts.Style.CURVE));
        return List.of(
                Charts.xy("capacity-latency", "Latency percentiles vs offered rate", "offered rate (req/s)",
                        "latency from intended send (ms)", pct),
                Charts.xy("capacity-goodput", "Goodput vs offered rate", "offered rate (req/s)", "req/s", List.of(
                        new Charts.Series("goodput (within SLA)", rate, col(steps, "goodput_rps"), Charts.Style.LINE),
                        new Charts.Series("offered", new double[] {lo, hi}, new double[] {lo, hi}, Charts.Style.CURVE))));
    }

    private static double[] col(List<JsonNode> nodes, String field) {
        return nodes.stream().mapToDouble(n -> n.path(field).asDouble()).toArray();
    }
}
