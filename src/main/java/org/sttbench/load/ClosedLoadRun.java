package org.sttbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The closed model: C request slots, each sending its next request as soon as its last one finished, so
 * exactly C requests are in flight. Throughput is then what the server sustains at that concurrency; the
 * latency is the server's (the generator never waits for a slot, so there is no hidden queueing).
 */
public final class ClosedLoadRun {
    private final ClosedLoadConfig config;
    private final DurationProbe probe;
    private final LoadListener listener;
    private Function<String, String> env = System::getenv;
    private final AtomicReference<Double> learnedDuration = new AtomicReference<>();

    /** Where {@code ${VAR}} in headers and fields is looked up (the process environment by default). */
    public ClosedLoadRun withEnvironment(Function<String, String> environment) {
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
        try (TranscriptionClient client = config.spec().newClient(env, probe)) {
            return sweep(client);
        }
    }

    private ClosedLoadResult sweep(TranscriptionClient client) {
        List<LevelResult> levels = new ArrayList<>();
        String stopped = null;
        for (int i = 0; i < config.concurrency().size(); i++) {
            int c = config.concurrency().get(i);
            if (config.warmupPerLevel() > 0) {
                runRequests(client, c, config.warmupPerLevel(), sequence(client, c, config.warmupPerLevel(), 1),
                        null, null);
            }
            LevelResult level = measure(client, c);
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

    /** Which clip each request of a level sends: seeded per level, so a sweep can be repeated exactly. */
    private int[] sequence(TranscriptionClient client, int c, int n, int salt) {
        return client.workload().sequence(config.spec().seed() * 31 + c * 2L + salt, n);
    }

    private LevelResult measure(TranscriptionClient client, int c) {
        int n = config.requestsAt(c);
        listener.levelStarted(c, n);
        Tally tally = new Tally(config.slo());
        String phase = "c-" + c;
        long startNanos = System.nanoTime();
        long wallNanos = runRequests(client, c, n, sequence(client, c, n, 0), tally, phase);
        config.log().interval(phase, startNanos, startNanos + wallNanos, tally.latency);
        LatencyStats stats = LatencyStats.of(tally.latency);
        long successes = stats.n();
        long good = tally.good.sum();
        double wallS = wallNanos / 1e9;
        double rps = wallS > 0 ? successes / wallS : 0;
        List<PreparedWorkload.Clip> clips = client.workload().clips();
        Double duration = clips.size() == 1 ? clips.get(0).durationS() : null;
        if (duration == null && clips.size() == 1) {
            duration = learnedDuration.get();
        }
        Double audio = tally.audioSeconds();
        Double rtfx = audio == null || successes == 0 || wallS <= 0 ? null : LatencyStats.round(audio / wallS);
        Double rtf = audio == null || successes == 0 || audio <= 0 ? null
                : LatencyStats.round(stats.avgMs() / 1000.0 / (audio / successes));
        return new LevelResult(c, n, successes, tally.errors.total(), LatencyStats.round(successes / (double) n),
                LatencyStats.round(wallS), LatencyStats.round(rps), stats.p50Ms(), stats.p90Ms(), stats.p95Ms(),
                stats.p99Ms(), stats.minMs(), stats.avgMs(), stats.maxMs(), stats.stddevMs(), tally.errors.snapshot(),
                duration, rtfx, rtf, good, LatencyStats.round(wallS > 0 ? good / wallS : 0),
                LatencyStats.round(good / (double) n), tally.buckets());
    }

    /**
     * Sends n requests over c slots and returns the wall time from first send to last completion; with a
     * tally, records them (and notifies the listener and the raw log). Each slot sends its next request
     * from the completion of its last one, on the client's own thread: no thread per slot, no hand-off.
     */
    private long runRequests(TranscriptionClient client, int c, int n, int[] clips, Tally tally, String phase) {
        Slots slots = new Slots(client, n, clips, tally, phase, new CountDownLatch(c));
        long start = System.nanoTime();
        for (int s = 0; s < c; s++) {
            slots.next();
        }
        try {
            slots.done.await();
        } catch (InterruptedException e) {
            slots.stop = true;
            Thread.currentThread().interrupt();
        }
        return System.nanoTime() - start;
    }

    /** The requests of one level, handed out to whichever slot is free. */
    private final class Slots {
        final TranscriptionClient client;
        final int n;
        final int[] clips;
        final Tally tally;
        final String phase;
        final CountDownLatch done;
        final AtomicInteger taken = new AtomicInteger();
        volatile boolean stop;

        Slots(TranscriptionClient client, int n, int[] clips, Tally tally, String phase, CountDownLatch done) {
            this.client = client;
            this.n = n;
            this.clips = clips;
            this.tally = tally;
            this.phase = phase;
            this.done = done;
        }

        /** Sends this slot's next request; loops instead of recursing when an answer is already there. */
        void next() {
            while (true) {
                int i = taken.getAndIncrement();
                if (i >= n || stop) {
                    done.countDown();
                    return;
                }
                PreparedWorkload.Clip clip = client.workload().clip(clips[i]);
                long sent = System.nanoTime();
                CompletableFuture<RequestOutcome> f = client.sendAsync(clip);
                if (f.isDone()) {
                    record(clip, sent, f.join());
                    continue;
                }
                f.whenComplete((outcome, never) -> {
                    record(clip, sent, outcome);
                    next();
                });
                return;
            }
        }

        private void record(PreparedWorkload.Clip clip, long sent, RequestOutcome outcome) {
            if (tally != null) {
                long latency = outcome.endNanos() - sent;
                boolean good = tally.record(clip, latency, latency, outcome);
                config.log().request(phase, clip, sent, sent, outcome, good);
                listener.requestDone(outcome);
            }
            if (outcome.audioDurationS() != null) {
                learnedDuration.compareAndSet(null, outcome.audioDurationS());
            }
        }
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
