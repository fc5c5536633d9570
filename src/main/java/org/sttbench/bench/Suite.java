package org.sttbench.bench;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sttbench.BadInputException;

/** The measurements a plan can ask for. */
public enum Suite {
    /** repeated transcriptions of one clip: latency distribution and requests per second */
    LATENCY,
    /** every clip once (after warm-up): RTF, decode time, memory and WER per file */
    AUDIO,
    /** the latency suite at several CPU limits */
    CPU_SCALING,
    /** the latency suite at one CPU limit with several thread counts */
    THREADS,
    /** an HTTP load test against a transcription endpoint */
    LOAD,
    /** the load test against 1..N worker replicas */
    WORKERS;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Suite of(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown suite '" + id + "'; known: "
                    + Arrays.stream(values()).map(Suite::id).collect(Collectors.joining(", ")));
        }
    }

    /** Suites that run whisper in a worker process (the others drive HTTP services). */
    public boolean runsInWorker() {
        return this == LATENCY || this == AUDIO || this == CPU_SCALING || this == THREADS;
    }
}
