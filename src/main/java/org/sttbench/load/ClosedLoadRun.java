package org.sttbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The closed model: C request slots, each sending its next request as soon as its last one finished, so
 * exactly C requests are in flight. Throughput is then what the server sustains at that concurrency; the
 * latency is the server's (the generator never waits for a slot, so there is no hidden queueing).
 */
public final class ClosedLoadRun {
    private final ClosedLoadConfig config;
    private final DurationProbe probe;
    private final LoadListener listener;
    private java.util.function.Function<String, String> env = System::getenv;
    private final AtomicReference<Double> learnedDuration = new AtomicReference<>();

    /** Where {@code ${VAR}} in headers and fields is looked up (the process environment by default). */
    public ClosedLoadRun withEnvironment(java.util.function.Function<String, String> environment) {
        this.env = environment;
        return this;
    }

    public ClosedLoadRun(ClosedLoadConfig config) {
        this(config, DurationProbe.javaSound(), LoadListener.NONE);
    }

    public ClosedLoadRun(ClosedLoadConfig config, DurationProbe probe, LoadListener listener) {
        this.config = config;
        this.probe = probe == null ? DurationProbe.NONE : probe;
        this.listener = listener == null ? LoadListener.NONE : listener;
    }

    /** Runs the sweep; bad targets or audio throw BadInputException before any request is sent. */
    public ClosedLoadResult run() {
        TranscriptionClient client = config.spec().newClient(env, probe);
        Double known = config.spec().audioDurationS();
        if (known == null) {
            OptionalDouble probed = probe.durationSeconds(config.spec().audio());
            known = probed.isPresent() ? probed.getAsDouble() : null;
        }
        List<LevelResult> levels = new ArrayList<>();
        String stopped = null;
        for (int i = 0; i < config.concurrency().size(); i++) {
            int c = config.concurrency().get(i);
            if (config.warmupPerLevel() > 0) {
                runRequests(client, c, config.warmupPerLevel(), null, null, false);
            }
            LevelResult level = measure(client, c, known);
            levels.add(level);
            listener.levelDone(level);
            if (level.errorRate() > config.maxErrorRate()) {
                if (i < config.concurrency().size() - 1) {
                    stopped = String.format("error rate %.1f%% at concurrency %d exceeds %.1f%%",
                            level.errorRate() * 100, c, config.maxErrorRate() * 100);
                }
                break;
            }
        }
        return result(levels, config.slaP95Ms(), config.maxErrorRate(), stopped);
    }

    private LevelResult measure(TranscriptionClient client, int c, Double knownDuration) {
        int n = config.requestsAt(c);
        listener.levelStarted(c, n);
        Histogram histogram = LatencyStats.newHistogram();
        ErrorCounts errors = new ErrorCounts();
        long wallNanos = runRequests(client, c, n, histogram, errors, true);
        LatencyStats stats = LatencyStats.of(histogram);
        long successes = stats.n();
        double wallS = wallNanos / 1e9;
        double rps = wallS > 0 ? successes / wallS : 0;
        Double duration = knownDuration != null ? knownDuration : learnedDuration.get();
        Double audioPerSecond = duration == null ? null : LatencyStats.round(rps * duration);
        Double rtf = duration == null || successes == 0 ? null : LatencyStats.round(stats.avgMs() / 1000.0 / duration);
        return new LevelResult(c, n, successes, errors.total(), LatencyStats.round(successes / (double) n),
                LatencyStats.round(wallS), LatencyStats.round(rps), stats.p50Ms(), stats.p90Ms(), stats.p95Ms(),
                stats.p99Ms(), stats.minMs(), stats.avgMs(), stats.maxMs(), stats.stddevMs(), errors.snapshot(),
                duration, audioPerSecond, rtf);
    }

    /** Sends n requests over c slots and returns the wall time from first send to last completion. */
    private long runRequests(TranscriptionClient client, int c, int n, Histogram histogram, ErrorCounts errors,
                             boolean notify) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(c);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(c);
        ExecutorService slots = Executors.newFixedThreadPool(c, r -> {
            Thread t = new Thread(r, "load-slot");
            t.setDaemon(true);
            return t;
        });
        long start = 0;
        try {
            for (int s = 0; s < c; s++) {
                slots.execute(() -> {
                    try {
                        ready.countDown();
                        go.await();
                        while (next.getAndIncrement() < n && !Thread.currentThread().isInterrupted()) {
                            long sent = System.nanoTime();
                            RequestOutcome outcome = client.send(client.workload().clip(0).payload());
                            if (histogram != null) {
                                if (outcome.success()) {
                                    LatencyStats.recordNanos(histogram, outcome.endNanos() - sent);
                                } else {
                                    errors.add(outcome.errorCause());
                                }
                            }
                            if (outcome.audioDurationS() != null) {
                                learnedDuration.compareAndSet(null, outcome.audioDurationS());
                            }
                            if (notify) {
                                listener.requestDone(outcome);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            // all slots exist before the clock starts, so thread start-up is not counted as wall time
            ready.await();
            start = System.nanoTime();
            go.countDown();
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slots.shutdownNow();
        }
        return System.nanoTime() - start;
    }

    static ClosedLoadResult result(List<LevelResult> levels, Double slaP95Ms, double maxErrorRate, String stopped) {
        LevelResult best = levels.stream().max((a, b) -> Double.compare(a.rps(), b.rps())).orElse(null);
        Integer optimal = optimal(levels, slaP95Ms, maxErrorRate);
        String rule = slaP95Ms != null
                ? "highest rps whose p95 <= " + slaP95Ms + " ms and error rate <= " + maxErrorRate * 100 + "%"
                : "lowest concurrency after which rps grows by 5% or less (the throughput knee)";
        return new ClosedLoadResult(List.copyOf(levels), optimal, rule, best == null ? 0 : best.rps(),
                best == null ? null : best.concurrency(), slaP95Ms, stopped);
    }

    /**
     * With an SLA: the level with the highest rps whose p95 stays within it. Without: walk the levels in
     * order and stop at the first one that does not raise rps by more than 5% over the previous level;
     * the previous level is the knee, where more concurrency only adds latency. Levels over the error
     * budget never qualify.
     */
    static Integer optimal(List<LevelResult> levels, Double slaP95Ms, double maxErrorRate) {
        List<LevelResult> ok = levels.stream()
                .filter(l -> l.successes() > 0 && l.errorRate() <= maxErrorRate).toList();
        if (ok.isEmpty()) {
            return null;
        }
        if (slaP95Ms != null) {
            return ok.stream().filter(l -> l.p95Ms() <= slaP95Ms)
                    .max((a, b) -> Double.compare(a.rps(), b.rps()))
                    .map(LevelResult::concurrency).orElse(null);
        }
        LevelResult knee = ok.get(0);
        for (int i = 1; i < ok.size(); i++) {
            if (ok.get(i).rps() <= knee.rps() * 1.05) {
                break;
            }
            knee = ok.get(i);
        }
        return knee.concurrency();
    }
}
