package org.sttbench.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.load.LevelResult;
import org.sttbench.load.LoadListener;

/** Prints "unit n of N", elapsed time and an estimate of what remains, for runs that take minutes. */
public final class RunProgress {
    private final PrintStream out;
    private final boolean verbose;
    private long runStart;
    // counts for the metrics endpoint
    private final AtomicLong runsStarted = new AtomicLong();
    private final AtomicLong unitsFinished = new AtomicLong();
    private final AtomicLong unitsFailed = new AtomicLong();

    public RunProgress(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    public synchronized void runStarted(String runId, int units, String executor) {
        runStart = System.nanoTime();
        runsStarted.incrementAndGet();
        out.printf("run %s: %d unit(s) on the %s executor%n", runId, units, executor);
    }

    public synchronized void unitStarted(WorkUnit unit) {
        out.printf("[%d/%d] %s ... (elapsed %s%s)%n", unit.index(), unit.total(), unit.unitId(),
                format(elapsed()), eta(unit.index() - 1, unit.total()));
    }

    public synchronized void unitFinished(UnitResult result) {
        WorkUnit unit = result.unit();
        unitsFinished.incrementAndGet();
        if (!result.ok()) {
            unitsFailed.incrementAndGet();
        }
        String outcome = result.ok() ? "ok" : result.status() + ": " + result.error();
        out.printf("[%d/%d] %s %s (elapsed %s%s)%n", unit.index(), unit.total(), unit.unitId(), outcome,
                format(elapsed()), eta(unit.index(), unit.total()));
    }

    /** Worker output lines (iterations); shown only when asked, they are many. */
    public void workerLine(String line) {
        if (verbose) {
            out.println("    " + line);
        }
    }

    public long runsStarted() {
        return runsStarted.get();
    }

    public long unitsFinished() {
        return unitsFinished.get();
    }

    public long unitsFailed() {
        return unitsFailed.get();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - runStart);
    }

    private String eta(int done, int total) {
        if (done <= 0 || done >= total) {
            return "";
        }
        Duration perUnit = elapsed().dividedBy(done);
        return ", ETA " + format(perUnit.multipliedBy(total - done));
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** One line per concurrency level of a load test. */
    public LoadListener loadListener() {
        return new LoadListener() {
            @Override
            public void levelDone(LevelResult level) {
                out.printf("  load c=%d: %.2f rps, p50 %.0f ms, p95 %.0f ms, success %.0f%%%n", level.concurrency(),
                        level.rps(), level.p50Ms(), level.p95Ms(), level.successRate() * 100);
            }
        };
    }
}
