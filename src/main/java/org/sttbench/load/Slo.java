package org.sttbench.load;

import org.sttbench.BadInputException;

/**
 * The per-request latency bound that makes a successful request "good" (counted in goodput): an absolute
 * bound, a bound per second of audio (a 30 s clip may take longer than a 3 s one), or both.
 *
 * @param latencyMs        a request is good only when done within this many ms; null for no absolute bound
 * @param msPerAudioSecond a request is good only when done within this many ms per second of its clip
 */
public record Slo(Double latencyMs, Double msPerAudioSecond) {
    public static final Slo NONE = new Slo(null, null);

    public Slo {
        if (latencyMs != null && !(latencyMs > 0) || msPerAudioSecond != null && !(msPerAudioSecond > 0)) {
            throw new BadInputException("latency bounds must be above 0 ms");
        }
    }

    public boolean isSet() {
        return latencyMs != null || msPerAudioSecond != null;
    }

    /** Whether a successful request with this latency (from its intended send) meets the bound. */
    public boolean good(long latencyNanos, Double clipSeconds) {
        double ms = latencyNanos / 1e6;
        if (latencyMs != null && ms > latencyMs) {
            return false;
        }
        if (msPerAudioSecond != null) {
            return clipSeconds != null && ms <= msPerAudioSecond * clipSeconds;
        }
        return true;
    }

    /** The bound in words, for reports. */
    public String describe() {
        if (!isSet()) {
            return "every success counts as good (no latency bound)";
        }
        String abs = latencyMs == null ? null : "<= " + latencyMs + " ms";
        String rel = msPerAudioSecond == null ? null : "<= " + msPerAudioSecond + " ms per audio second";
        return "success and latency " + (abs == null ? rel : rel == null ? abs : abs + " and " + rel);
    }
}
