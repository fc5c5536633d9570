package org.sttbench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failed requests counted by cause: http_NNN per status code, timeout, connection_refused, other. */
final class ErrorCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String cause) {
        counts.computeIfAbsent(cause, k -> new LongAdder()).increment();
    }

    void addAll(ErrorCounts other) {
        other.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
