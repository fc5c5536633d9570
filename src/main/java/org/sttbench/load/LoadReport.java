package org.sttbench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code sttbench load --json} writes: the conditions of the run, then exactly one of
 * {@code closed} (concurrency sweep) or {@code open} (arrival-rate run).
 *
 * @param clips       clip file name to weight (requests sample by weight)
 * @param api         the dialect without secrets: name, path, file field, fields, header names
 * @param latencyUnit latencies are recorded in microseconds (HdrHistogram, 3 significant digits) and
 *                    reported in milliseconds
 */
public record LoadReport(String mode, Instant startedAt, Instant finishedAt, List<String> targets, String audio,
                         long audioBytes, Double audioDurationS, Map<String, Double> clips, Map<String, Object> api, long timeoutMs,
                         String latencyUnit, ClosedLoadResult closed, OpenLoadResult open) {
    public static final String CLOSED = "closed";
    public static final String OPEN = "open";
    public static final String LATENCY_UNIT = "ms (recorded in us)";

    public static LoadReport closed(LoadSpec spec, Instant start, Instant end, ClosedLoadResult result) {
        Double d = result.levels().stream().map(LevelResult::audioDurationS).filter(x -> x != null)
                .findFirst().orElse(spec.audioDurationS());
        return new LoadReport(CLOSED, start, end, spec.endpoints().asStrings(),
                spec.audio().getFileName().toString(), size(spec), d, clips(spec), spec.api().describe(),
                spec.timeout().toMillis(), LATENCY_UNIT, result, null);
    }

    public static LoadReport open(LoadSpec spec, Instant start, Instant end, OpenLoadResult result) {
        return new LoadReport(OPEN, start, end, spec.endpoints().asStrings(),
                spec.audio().getFileName().toString(), size(spec), result.audioDurationS(), clips(spec),
                spec.api().describe(),
                spec.timeout().toMillis(), LATENCY_UNIT, null, result);
    }

    /** True when at least one request of the run succeeded. */
    public boolean anySuccess() {
        if (closed != null) {
            return closed.levels().stream().anyMatch(l -> l.successes() > 0);
        }
        return open != null && open.total().successes() > 0;
    }

    /** Failed requests by cause over the whole run. */
    public Map<String, Long> errorTotals() {
        Map<String, Long> out = new TreeMap<>();
        if (closed != null) {
            closed.levels().forEach(l -> l.errorsByCause().forEach((k, v) -> out.merge(k, v, Long::sum)));
        } else if (open != null) {
            out.putAll(open.total().errorsByCause());
        }
        return out;
    }

    /** One line saying why no request succeeded; only meaningful when {@link #anySuccess()} is false. */
    public String failureLine() {
        return FailureDiagnosis.everyRequestFailed(errorTotals(), targets,
                String.valueOf(api == null ? ApiDialect.OPENAI : api.get("api")));
    }

    private static Map<String, Double> clips(LoadSpec spec) {
        Map<String, Double> out = new LinkedHashMap<>();
        spec.workload().clips().forEach(c -> out.merge(c.path().getFileName().toString(), c.weight(), Double::sum));
        return out;
    }

    private static long size(LoadSpec spec) {
        try {
            return Files.size(spec.audio());
        } catch (IOException e) {
            return 0;
        }
    }
}
