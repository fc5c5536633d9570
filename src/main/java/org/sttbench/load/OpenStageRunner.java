package org.sttbench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs open-model stages against one service: arrivals on a schedule drawn before each stage from the
 * arrival process and the seed, whatever the server does, latency counted from each request's intended
 * send time. This is the building block of {@link OpenLoadRun} and of a capacity search, which calls
 * {@link #runStage} once per rate it tries:
 *
 * <pre>
 * try (OpenStageRunner runner = new OpenStageRunner(spec, options, probe, listener)) {
 *     StageResult r = runner.runStage(rate, maxSeconds);   // r.goodputRps(), r.latency().p95Ms(), r.endedEarly()
 * }
 * </pre>
 *
 * A runner keeps one client (connections stay warm between stages); stages run one after the other.
 * When {@code maxInFlight} requests are outstanding a due arrival is dropped and counted, so the schedule
 * itself never slips; the options' {@link StopRule} may end a stage early.
 */
public final class OpenStageRunner implements AutoCloseable {
    private static final long LEAD_NANOS = 5_000_000L;
    private static final long CHECK_NANOS = 50_000_000L;

    /**
     * @param arrival         how arrivals are spread in time
     * @param maxInFlight     requests that may be outstanding; an arrival beyond it is dropped, not delayed
     * @param lateThresholdMs a send later than this after its intended time counts as late
     * @param slo             the bound that makes a success "good"
     * @param stop            when a stage may end early
     * @param log             raw per-request and per-stage output
     */
    public record Options(ArrivalProcess arrival, int maxInFlight, double lateThresholdMs, Slo slo, StopRule stop,
                          RequestLog log) {
        public Options {
            arrival = arrival == null ? ArrivalProcess.constant() : arrival;
            slo = slo == null ? Slo.NONE : slo;
            stop = stop == null ? StopRule.NEVER : stop;
            log = log == null ? RequestLog.NONE : log;
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("max in-flight must be >= 1");
            }
        }

        public static Options defaults() {
            return new Options(ArrivalProcess.constant(), OpenLoadConfig.DEFAULT_MAX_IN_FLIGHT,
                    OpenLoadConfig.DEFAULT_LATE_MS, Slo.NONE, StopRule.NEVER, RequestLog.NONE);
        }
    }

    private final LoadSpec spec;
    private final Options options;
    private final LoadListener listener;
    private final TranscriptionClient client;
    private final Semaphore inFlight;
    private final AtomicLong lastCompletion = new AtomicLong(System.nanoTime());
    private final AtomicReference<Double> learned = new AtomicReference<>();
    private int stageCount;

    /** Builds the client; bad targets, audio or unset variables throw BadInputException here. */
    public OpenStageRunner(LoadSpec spec, Options options, DurationProbe probe, LoadListener listener) {
        this(spec, options, probe, listener, System::getenv);
    }

    public OpenStageRunner(LoadSpec spec, Options options, DurationProbe probe, LoadListener listener,
                           Function<String, String> env) {
        this.spec = spec;
        this.options = options == null ? Options.defaults() : options;
        this.listener = listener == null ? LoadListener.NONE : listener;
        this.client = spec.newClient(env, probe == null ? DurationProbe.NONE : probe);
        this.inFlight = new Semaphore(this.options.maxInFlight());
    }

    /**
     * Runs one stage at {@code rate} arrivals/s for up to {@code maxDurationS} seconds (less when the stop
     * rule ends it), waits for its requests' answers and returns its figures, goodput included.
     */
    public StageResult runStage(double rate, double maxDurationS) {
        Launched stage = launch(new RateStage(rate, maxDurationS), System.nanoTime() + LEAD_NANOS);
        return stage.finish();
    }

    public Options options() {
        return options;
    }

    public PreparedWorkload workload() {
        return client.workload();
    }

    /** The audio duration a verbose_json response reported, for clips whose length the probe did not know. */
    Double learnedDuration() {
        return learned.get();
    }

    /** A stage whose arrivals have all been sent (or that ended early); its answers may still be arriving. */
    final class Launched {
        final RateStage plan;
        final String phase;
        final long startNanos;
        final Tally tally = new Tally(options.slo());
        final LongAdder scheduled = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder late = new LongAdder();
        final LongAdder completed = new LongAdder();
        final AtomicLong lastEnd;
        /** Requests without an answer, plus one while arrivals are still being sent. */
        final AtomicLong pending = new AtomicLong(1);
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        final StageWindows windows;
        volatile boolean closed;
        long endNanos;
        String endedEarly;

        Launched(RateStage plan, int index, long startNanos) {
            this.plan = plan;
            this.phase = "stage-" + index;
            this.startNanos = startNanos;
            this.lastEnd = new AtomicLong(startNanos);
            this.windows = new StageWindows(startNanos, plan.durationS());
        }

        void done() {
            if (pending.decrementAndGet() == 0) {
                drained.complete(null);
            }
        }

        /** Waits for the stage's answers (a short while after an early end), then summarizes it. */
        StageResult finish() {
            long waitMs = endedEarly == null ? spec.timeout().toMillis() * 2 + 5_000
                    : Math.min(spec.timeout().toMillis() + 1_000, Math.max(2_000, (long) (options.stop().stallS() * 1000)));
            try {
                drained.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // summarized without the stragglers: they are reported as unfinished
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            closed = true;
            StageResult r = summarize(this);
            options.log().interval(phase, startNanos, Math.max(endNanos, lastEnd.get()), tally.latency);
            listener.stageDone(r);
            return r;
        }
    }

    /** The seed of the run's stage {@code index} (0-based): each stage its own stream, all from the run's seed. */
    public static long stageSeed(long runSeed, int index) {
        return runSeed + index * 0x9E3779B97F4A7C15L;
    }

    /** Sends the stage's arrivals from {@code startNanos} on; returns when its last one is due (or it ends early). */
    Launched launch(RateStage plan, long startNanos) {
        int index = stageCount++;
        long seed = stageSeed(spec.seed(), index);
        long[] offsets = options.arrival().schedule(plan.rate(), plan.durationS(), seed);
        int[] clips = client.workload().sequence(~seed, offsets.length);
        Launched st = new Launched(plan, index, startNanos);
        listener.stageStarted(plan);
        long lateNanos = (long) (options.lateThresholdMs() * 1e6);
        for (int i = 0; i < offsets.length && st.endedEarly == null; i++) {
            long intended = startNanos + offsets[i];
            if (!parkUntil(intended, st)) {
                break;
            }
            st.scheduled.increment();
            st.windows.arrival(intended);
            if (!inFlight.tryAcquire()) {
                st.dropped.increment();
                if (options.stop().onSaturation()) {
                    st.endedEarly = "saturated: an arrival found " + options.maxInFlight()
                            + " requests outstanding (max in-flight)";
                }
                continue;
            }
            long actual = System.nanoTime();
            if (actual - intended > lateNanos) {
                st.late.increment();
            }
            st.sent.increment();
            st.pending.incrementAndGet();
            PreparedWorkload.Clip clip = client.workload().clip(clips[i]);
            client.sendAsync(clip).whenComplete((outcome, never) -> complete(st, clip, intended, actual,
                    outcome));
        }
        long plannedEnd = startNanos + (long) (plan.durationS() * 1e9);
        if (st.endedEarly == null) {
            parkUntil(plannedEnd, st);
        }
        st.endNanos = st.endedEarly == null ? plannedEnd : System.nanoTime();
        st.done();
        return st;
    }

    private void complete(Launched st, PreparedWorkload.Clip clip, long intended, long actual, RequestOutcome outcome) {
        try {
            if (!st.closed) {
                boolean good = st.tally.record(clip, outcome.endNanos() - intended, outcome.endNanos() - actual,
                        outcome);
                st.completed.increment();
                st.windows.answer(intended, outcome, good);
                st.lastEnd.accumulateAndGet(outcome.endNanos(), Math::max);
                if (outcome.audioDurationS() != null) {
                    learned.compareAndSet(null, outcome.audioDurationS());
                }
                options.log().request(st.phase, clip, intended, actual, outcome, good);
                listener.requestDone(outcome);
            }
        } finally {
            lastCompletion.accumulateAndGet(outcome.endNanos(), Math::max);
            inFlight.release();
            st.done();
        }
    }

    /**
     * Parks until the deadline, checking the stop rule every 50 ms; false when the stage ended early.
     * With {@link StopRule#NEVER} it only parks.
     */
    private boolean parkUntil(long deadlineNanos, Launched st) {
        StopRule rule = options.stop();
        boolean checking = rule.stallS() > 0 || rule.maxErrorRate() < 1;
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            if (checking && shouldStop(st)) {
                return false;
            }
            LockSupport.parkNanos(checking ? Math.min(remaining, CHECK_NANOS) : remaining);
            if (Thread.currentThread().isInterrupted()) {
                st.endedEarly = "interrupted";
                return false;
            }
        }
        return !(checking && shouldStop(st));
    }

    private boolean shouldStop(Launched st) {
        StopRule rule = options.stop();
        long now = System.nanoTime();
        int outstanding = options.maxInFlight() - inFlight.availablePermits();
        long quiet = now - Math.max(lastCompletion.get(), st.startNanos);
        if (rule.stallS() > 0 && outstanding > 0 && quiet > rule.stallS() * 1e9) {
            st.endedEarly = String.format(Locale.ROOT,
                    "stalled: no answer for %.1f s with %d requests outstanding", quiet / 1e9, outstanding);
            return true;
        }
        long done = st.completed.sum();
        long errors = st.tally.errors.total();
        if (done >= rule.minCompleted() && done > 0 && errors / (double) done > rule.maxErrorRate()) {
            st.endedEarly = String.format(Locale.ROOT, "failing: %d of %d completed requests failed",
                    errors, done);
            return true;
        }
        return false;
    }

    private StageResult summarize(Launched st) {
        long sent = st.sent.sum();
        long unfinished = Math.max(0, sent - st.completed.sum());
        Map<String, Long> errors = st.tally.errors.snapshot();
        if (unfinished > 0) {
            errors.put("unfinished", unfinished);
        }
        List<StageResult.Window> windows = st.windows.results(st.endNanos);
        double durationS = Math.max(1e-9, (st.endNanos - st.startNanos) / 1e9);
        return Summaries.stage(st.plan.rate(), st.plan.durationS(), durationS, options.arrival().label(),
                st.scheduled.sum(), sent, st.dropped.sum(), st.late.sum(), unfinished, st.tally, errors,
                st.lastEnd.get() - st.startNanos, windows, st.endedEarly);
    }

    @Override
    public void close() {
        client.close();
    }
}
