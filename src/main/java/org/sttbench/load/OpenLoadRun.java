package org.sttbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The open model: request i of a stage is due at stageStart + i / rate, whatever happened to earlier ones.
 * Latency runs from that intended time, so when the server stalls, every request that should have gone
 * out meanwhile carries the stall in its latency; a closed-loop tool would instead stop sending and never
 * see it (coordinated omission). Requests are sent asynchronously; when {@code maxInFlight} are
 * outstanding a due request is dropped and counted, so the schedule itself never slips.
 */
public final class OpenLoadRun {
    private final OpenLoadConfig config;
    private final DurationProbe probe;
    private final LoadListener listener;
    private java.util.function.Function<String, String> env = System::getenv;
    private final Histogram overall = LatencyStats.newHistogram();

    /** Where {@code ${VAR}} in headers and fields is looked up (the process environment by default). */
    public OpenLoadRun withEnvironment(java.util.function.Function<String, String> environment) {
        this.env = environment;
        return this;
    }

    public OpenLoadRun(OpenLoadConfig config) {
        this(config, DurationProbe.javaSound(), LoadListener.NONE);
    }

    public OpenLoadRun(OpenLoadConfig config, DurationProbe probe, LoadListener listener) {
        this.config = config;
        this.probe = probe == null ? DurationProbe.NONE : probe;
        this.listener = listener == null ? LoadListener.NONE : listener;
    }

    /** Per-stage bookkeeping, filled from HttpClient completion threads. */
    private static final class Stage {
        final RateStage plan;
        final Histogram latency = LatencyStats.newHistogram();
        final Histogram service = LatencyStats.newHistogram();
        final ErrorCounts errors = new ErrorCounts();
        final LongAdder sent = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder late = new LongAdder();
        final long startNanos;
        final AtomicLong lastEndNanos = new AtomicLong();

        Stage(RateStage plan, long startNanos) {
            this.plan = plan;
            this.startNanos = startNanos;
            this.lastEndNanos.set(startNanos);
        }
    }

    public OpenLoadResult run() {
        TranscriptionClient client = config.spec().newClient(env, probe);
        Double duration = config.spec().audioDurationS();
        if (duration == null) {
            OptionalDouble probed = probe.durationSeconds(config.spec().audio());
            duration = probed.isPresent() ? probed.getAsDouble() : null;
        }
        AtomicReference<Double> learned = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(config.maxInFlight());
        long lateNanos = (long) (config.lateThresholdMs() * 1e6);
        List<Stage> stages = new ArrayList<>();
        // a short lead so the first intended time is not already in the past when the loop starts
        long stageStart = System.nanoTime() + 5_000_000L;
        long runStart = stageStart;
        for (RateStage plan : config.stages()) {
            Stage stage = new Stage(plan, stageStart);
            stages.add(stage);
            listener.stageStarted(plan);
            double intervalNanos = 1e9 / plan.rate();
            long n = plan.requests();
            for (long i = 0; i < n; i++) {
                long intended = stageStart + (long) (i * intervalNanos);
                parkUntil(intended);
                if (!inFlight.tryAcquire()) {
                    stage.dropped.increment();
                    continue;
                }
                long actual = System.nanoTime();
                if (actual - intended > lateNanos) {
                    stage.late.increment();
                }
                stage.sent.increment();
                client.sendAsync(client.workload().clip(0).payload()).whenComplete((outcome, never) -> {
                    try {
                        if (outcome.success()) {
                            LatencyStats.recordNanos(stage.latency, outcome.endNanos() - intended);
                            LatencyStats.recordNanos(stage.service, outcome.endNanos() - actual);
                        } else {
                            stage.errors.add(outcome.errorCause());
                        }
                        stage.lastEndNanos.accumulateAndGet(outcome.endNanos(), Math::max);
                        if (outcome.audioDurationS() != null) {
                            learned.compareAndSet(null, outcome.audioDurationS());
                        }
                        listener.requestDone(outcome);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            stageStart += (long) (plan.durationS() * 1e9);
            parkUntil(stageStart);
        }
        awaitDrain(inFlight);
        List<StageResult> results = new ArrayList<>();
        Histogram totalLatency = LatencyStats.newHistogram();
        Histogram totalService = LatencyStats.newHistogram();
        ErrorCounts totalErrors = new ErrorCounts();
        long scheduled = 0, sent = 0, dropped = 0, late = 0, lastEnd = runStart;
        double plannedS = 0;
        for (Stage s : stages) {
            StageResult r = summarize(s.plan.rate(), s.plan.durationS(), s.plan.requests(), s.sent.sum(),
                    s.dropped.sum(), s.late.sum(), s.latency, s.service, s.errors,
                    s.lastEndNanos.get() - s.startNanos);
            results.add(r);
            listener.stageDone(r);
            totalLatency.add(s.latency);
            totalService.add(s.service);
            totalErrors.addAll(s.errors);
            scheduled += s.plan.requests();
            sent += s.sent.sum();
            dropped += s.dropped.sum();
            late += s.late.sum();
            plannedS += s.plan.durationS();
            lastEnd = Math.max(lastEnd, s.lastEndNanos.get());
        }
        overall.add(totalLatency);
        double rate = plannedS > 0 ? scheduled / plannedS : 0;
        StageResult total = summarize(LatencyStats.round(rate), plannedS, scheduled, sent, dropped, late,
                totalLatency, totalService, totalErrors, lastEnd - runStart);
        Double d = duration != null ? duration : learned.get();
        Double audioPerSecond = d == null ? null : LatencyStats.round(total.throughputRps() * d);
        Double rtf = d == null || total.successes() == 0 ? null
                : LatencyStats.round(totalService.getMean() / 1e6 / d);
        return new OpenLoadResult(total, List.copyOf(results), config.maxInFlight(), config.lateThresholdMs(), d,
                audioPerSecond, rtf);
    }

    /** The intended-time latency histogram (microseconds) of the last run, for callers that want more detail. */
    public Histogram histogram() {
        return overall.copy();
    }

    private static StageResult summarize(double rate, double durationS, long scheduled, long sent, long dropped,
                                         long late, Histogram latency, Histogram service, ErrorCounts errors,
                                         long spanNanos) {
        long successes = latency.getTotalCount();
        double spanS = Math.max(spanNanos, 1) / 1e9;
        return new StageResult(rate, durationS, scheduled, sent, dropped, late, successes, errors.total(),
                LatencyStats.round(scheduled == 0 ? 0 : successes / (double) scheduled),
                LatencyStats.round(sent / durationS), LatencyStats.round(successes / spanS),
                LatencyStats.of(latency), LatencyStats.of(service), errors.snapshot());
    }

    private void awaitDrain(Semaphore inFlight) {
        // every request has its own timeout; the margin covers the time its failure takes to arrive
        long waitMs = config.spec().timeout().toMillis() * 2 + 5_000;
        try {
            if (inFlight.tryAcquire(config.maxInFlight(), waitMs, TimeUnit.MILLISECONDS)) {
                inFlight.release(config.maxInFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
