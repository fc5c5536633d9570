package org.sttbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sttbench.load.BucketResult;
import org.sttbench.load.ClosedLoadResult;
import org.sttbench.load.LevelResult;
import org.sttbench.load.LoadReport;
import org.sttbench.load.OpenLoadResult;
import org.sttbench.load.StageResult;

/** The console tables of {@code sttbench load}: one row per level or stage, buckets under them. */
final class LoadTables {
    private LoadTables() {
    }

    static void printClosed(PrintWriter out, LoadReport report) {
        ClosedLoadResult r = report.closed();
        out.println();
        out.printf("%6s %6s %6s %9s %9s %9s %9s %9s %9s %8s %8s %8s %9s  %s%n", "conc", "reqs", "ok", "rps",
                "p50_ms", "p95_ms", "p99_ms", "avg_ms", "max_ms", "succ%", "rtf", "rtfx", "goodput", "errors");
        for (LevelResult l : r.levels()) {
            out.printf(Locale.ROOT, "%6d %6d %6d %9.2f %9.1f %9.1f %9.1f %9.1f %9.1f %8.1f %8s %8s %9.2f  %s%n",
                    l.concurrency(), l.requests(), l.successes(), l.rps(), l.p50Ms(), l.p95Ms(), l.p99Ms(),
                    l.avgMs(), l.maxMs(), l.successRate() * 100, l.rtf() == null ? "-" : fmt(l.rtf()),
                    l.audioSecondsPerSecond() == null ? "-" : fmt(l.audioSecondsPerSecond()), l.goodputRps(),
                    errors(l.errorsByCause()));
            printBuckets(out, l.byBucket());
        }
        out.println();
        out.printf(Locale.ROOT, "max rps: %.2f (concurrency %s)%n", r.maxRps(), r.maxRpsConcurrency());
        out.printf("optimal concurrency: %s (%s)%n", r.optimalConcurrency() == null ? "none" : r.optimalConcurrency(),
                r.optimalRule());
        if (report.audioDurationS() != null) {
            out.printf(Locale.ROOT, "audio duration: %.2f s%n", report.audioDurationS());
        }
        if (r.stoppedReason() != null) {
            out.println("sweep stopped: " + r.stoppedReason());
        }
    }

    static void printOpen(PrintWriter out, OpenLoadResult r) {
        out.println();
        out.printf("%s arrivals, seed %d; good = %s%n", r.arrival(), r.seed(), r.goodRule());
        out.printf("%9s %7s %7s %7s %6s %6s %9s %9s %9s %9s %9s %9s %9s %7s %8s  %s%n", "rate", "sched", "sent", "ok",
                "late", "drop", "achieved", "p50_ms", "p95_ms", "p99_ms", "max_ms", "svc_p99", "goodput", "good%",
                "rtfx", "errors");
        for (StageResult s : r.stages()) {
            printStage(out, fmt(s.rate()), s);
        }
        if (r.stages().size() > 1) {
            printStage(out, "total", r.total());
        }
        printBuckets(out, r.total().byBucket());
        out.println("latency is measured from each request's intended send time; svc_p99 from its actual send.");
        if (r.total().dropped() > 0) {
            out.println("WARNING: requests were dropped (max in-flight reached): the service cannot sustain this rate.");
        }
    }

    private static void printStage(PrintWriter out, String label, StageResult s) {
        out.printf(Locale.ROOT, "%9s %7d %7d %7d %6d %6d %9.2f %9.1f %9.1f %9.1f %9.1f %9.1f %9.2f %7.1f %8s  %s%n",
                label, s.scheduled(), s.sent(), s.successes(), s.late(), s.dropped(), s.achievedRate(),
                s.latency().p50Ms(), s.latency().p95Ms(), s.latency().p99Ms(), s.latency().maxMs(),
                s.serviceLatency().p99Ms(), s.goodputRps(), s.goodShare() * 100, s.rtfx() == null ? "-" : fmt(s.rtfx()),
                errors(s.errorsByCause()));
        if (s.endedEarly() != null) {
            out.println("          ended early: " + s.endedEarly());
        }
    }

    /** Per clip-length bucket, only when the mix has more than one. */
    private static void printBuckets(PrintWriter out, Map<String, BucketResult> buckets) {
        if (buckets.size() < 2) {
            return;
        }
        buckets.forEach((name, b) -> out.printf(Locale.ROOT,
                "      clips %-8s %6d reqs %6d ok  p50 %9.1f ms  p95 %9.1f ms  good %5.1f%%%n", name, b.requests(),
                b.successes(), b.latency().p50Ms(), b.latency().p95Ms(), b.goodShare() * 100));
    }

    private static String errors(Map<String, Long> byCause) {
        return byCause.isEmpty() ? "-" : byCause.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
