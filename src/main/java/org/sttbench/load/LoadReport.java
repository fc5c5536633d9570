package org.sttbench.load;

import java.time.Instant;
import java.util.List;

/**
 * What {@code sttbench load --json} writes: the conditions of the run, then exactly one of
 * {@code closed} (concurrency sweep) or {@code open} (arrival-rate run).
 *
 * @param latencyUnit latencies are recorded in microseconds (HdrHistogram, 3 significant digits) and
 *                    reported in milliseconds
 */
public record LoadReport(String mode, Instant startedAt, Instant finishedAt, List<String> targets, String audio,
                         long audioBytes, Double audioDurationS, String model, String language, long timeoutMs,
                         String latencyUnit, ClosedLoadResult closed, OpenLoadResult open) {
    public static final String CLOSED = "closed";
    public static final String OPEN = "open";
    public static final String LATENCY_UNIT = "ms (recorded in us)";

    public static LoadReport closed(LoadSpec spec, Instant start, Instant end, ClosedLoadResult result) {
        Double d = result.levels().stream().map(LevelResult::audioDurationS).filter(x -> x != null)
                .findFirst().orElse(spec.audioDurationS());
        return new LoadReport(CLOSED, start, end, LoadTargets.parse(spec.targets()).asStrings(),
                spec.audio().getFileName().toString(), size(spec), d, spec.model(), spec.language(),
                spec.timeout().toMillis(), LATENCY_UNIT, result, null);
    }

    public static LoadReport open(LoadSpec spec, Instant start, Instant end, OpenLoadResult result) {
        return new LoadReport(OPEN, start, end, LoadTargets.parse(spec.targets()).asStrings(),
                spec.audio().getFileName().toString(), size(spec), result.audioDurationS(), spec.model(),
                spec.language(), spec.timeout().toMillis(), LATENCY_UNIT, null, result);
    }

    /** True when at least one request of the run succeeded. */
    public boolean anySuccess() {
        if (closed != null) {
            return closed.levels().stream().anyMatch(l -> l.successes() > 0);
        }
        return open != null && open.total().successes() > 0;
    }

    private static long size(LoadSpec spec) {
        try {
            return java.nio.file.Files.size(spec.audio());
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
