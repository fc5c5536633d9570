package org.sttbench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a level or stage counts as its requests complete, from many threads at once: latency from the
 * intended and from the actual send, errors by cause, good requests, audio seconds, and the same per
 * clip-length bucket. Closed and open model share it, so goodput and buckets mean the same in both.
 */
final class Tally {
    final Histogram latency = LatencyStats.newHistogram();
    final Histogram service = LatencyStats.newHistogram();
    final ErrorCounts errors = new ErrorCounts();
    final LongAdder good = new LongAdder();
    private final DoubleAdder audioSeconds = new DoubleAdder();
    private final LongAdder unknownAudio = new LongAdder();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Slo slo;

    private static final class Bucket {
        // 2 significant digits: buckets are for comparing clip lengths, and there may be many of them
        final Histogram latency = new ConcurrentHistogram(1, LatencyStats.HIGHEST_TRACKABLE_MICROS, 2);
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder good = new LongAdder();
    }

    Tally(Slo slo) {
        this.slo = slo == null ? Slo.NONE : slo;
    }

    /** Records one completed request; returns whether it was good. */
    boolean record(PreparedWorkload.Clip clip, long latencyNanos, long serviceNanos, RequestOutcome outcome) {
        Bucket b = buckets.computeIfAbsent(clip.bucket(), k -> new Bucket());
        b.requests.increment();
        if (!outcome.success()) {
            errors.add(outcome.errorCause());
            b.errors.increment();
            return false;
        }
        LatencyStats.recordNanos(latency, latencyNanos);
        LatencyStats.recordNanos(service, serviceNanos);
        LatencyStats.recordNanos(b.latency, latencyNanos);
        Double d = clip.durationS() != null ? clip.durationS() : outcome.audioDurationS();
        if (d != null) {
            audioSeconds.add(d);
        } else {
            unknownAudio.increment();
        }
        boolean isGood = slo.good(latencyNanos, d);
        if (isGood) {
            good.increment();
            b.good.increment();
        }
        return isGood;
    }

    long successes() {
        return latency.getTotalCount();
    }

    /** Audio seconds of the successes, null when any of them had a clip of unknown length. */
    Double audioSeconds() {
        return unknownAudio.sum() > 0 ? null : LatencyStats.round(audioSeconds.sum());
    }

    Map<String, BucketResult> buckets() {
        Map<String, BucketResult> out = new TreeMap<>();
        buckets.forEach((name, b) -> {
            long req = b.requests.sum();
            out.put(name, new BucketResult(req, b.latency.getTotalCount(), b.errors.sum(), b.good.sum(),
                    LatencyStats.round(req == 0 ? 0 : b.good.sum() / (double) req), LatencyStats.of(b.latency)));
        });
        return out;
    }

    void addAll(Tally other) {
        latency.add(other.latency);
        service.add(other.service);
        errors.addAll(other.errors);
        good.add(other.good.sum());
        audioSeconds.add(other.audioSeconds.sum());
        unknownAudio.add(other.unknownAudio.sum());
        other.buckets.forEach((name, ob) -> {
            Bucket b = buckets.computeIfAbsent(name, k -> new Bucket());
            b.latency.add(ob.latency);
            b.requests.add(ob.requests.sum());
            b.errors.add(ob.errors.sum());
            b.good.add(ob.good.sum());
        });
    }
}
