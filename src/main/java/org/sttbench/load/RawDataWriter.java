package org.sttbench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.sttbench.BadInputException;

/**
 * Writes a run's raw data: one JSON line per request (its intended, send and end time as epoch
 * milliseconds with microsecond decimals, status, error cause, clip, phase, good) and an HdrHistogram
 * interval log with one histogram (microseconds, tagged by phase) per stage or level. Histograms from
 * several runs or replicas add up exactly; percentiles of merged summaries would not.
 *
 * <p>Nothing of the request itself is written: no URL, header or form field.
 */
public final class RawDataWriter implements RequestLog {
    private final BufferedWriter requests;
    private final PrintStream histogramStream;
    private final HistogramLogWriter histograms;
    private final long epochNanosAtBase;
    private final long nanoTimeAtBase;
    private final double baseEpochMs;

    /** Either path may be null (not written); existing files are not overwritten. */
    public RawDataWriter(Path requestsJsonl, Path histogramLog) {
        Instant now = Instant.now();
        this.nanoTimeAtBase = System.nanoTime();
        this.epochNanosAtBase = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.baseEpochMs = epochNanosAtBase / 1e6;
        try {
            this.requests = requestsJsonl == null ? null : Files.newBufferedWriter(create(requestsJsonl),
                    StandardCharsets.UTF_8);
            if (histogramLog == null) {
                this.histogramStream = null;
                this.histograms = null;
            } else {
                this.histogramStream = new PrintStream(Files.newOutputStream(create(histogramLog)), false,
                        StandardCharsets.UTF_8);
                this.histograms = new HistogramLogWriter(histogramStream);
                histograms.outputComment("sttbench load: latency in microseconds, one interval per stage or level");
                histograms.outputLogFormatVersion();
                histograms.outputStartTime((long) baseEpochMs);
                histograms.setBaseTime((long) baseEpochMs);
                histograms.outputBaseTime((long) baseEpochMs);
                histograms.outputLegend();
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write raw data: " + e.getMessage());
        }
    }

    private static Path create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(file)) {
            throw new IOException(file + " already exists (results are never overwritten)");
        }
        return file;
    }

    private double epochMs(long nanoTime) {
        return (epochNanosAtBase + (nanoTime - nanoTimeAtBase)) / 1e6;
    }

    @Override
    public void request(String phase, PreparedWorkload.Clip clip, long intendedNanos, long sentNanos,
                        RequestOutcome outcome, boolean good) {
        if (requests == null) {
            return;
        }
        String line = String.format(Locale.ROOT,
                "{\"phase\":\"%s\",\"clip\":%s,\"intended_ms\":%.3f,\"sent_ms\":%.3f,\"end_ms\":%.3f,"
                        + "\"latency_ms\":%.3f,\"status\":%d,\"error\":%s,\"good\":%b}",
                phase, quote(clip.name()), epochMs(intendedNanos), epochMs(sentNanos), epochMs(outcome.endNanos()),
                (outcome.endNanos() - intendedNanos) / 1e6, outcome.status(),
                outcome.errorCause() == null ? "null" : quote(outcome.errorCause()), good);
        synchronized (this) {
            try {
                requests.write(line);
                requests.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public synchronized void interval(String tag, long startNanos, long endNanos, Histogram latency) {
        if (histograms == null) {
            return;
        }
        Histogram h = latency.copy();
        h.setTag(tag);
        h.setStartTimeStamp((long) epochMs(startNanos));
        h.setEndTimeStamp((long) epochMs(endNanos));
        // max column in milliseconds; the encoded histogram keeps microseconds
        histograms.outputIntervalHistogram((epochMs(startNanos) - baseEpochMs) / 1000.0,
                (epochMs(endNanos) - baseEpochMs) / 1000.0, h, 1000.0);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public synchronized void close() {
        try {
            if (requests != null) {
                requests.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (histogramStream != null) {
                histogramStream.close();
            }
        }
    }
}
