package org.sttbench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the run's transcription requests: one HTTP/1.1 client with pooled keep-alive connections for the
 * whole run, a per-request timeout, targets taken round-robin, bodies encoded once. The transport is
 * Netty ({@link NettyTransport}); {@code -Dsttbench.load.client=jdk} switches to the JDK HttpClient for
 * comparison.
 */
public final class TranscriptionClient implements AutoCloseable {
    private static final Pattern DURATION = Pattern.compile("\"duration\"\\s*:\\s*([0-9.eE+-]+)");

    private final LoadTargets targets;
    private final PreparedWorkload workload;
    private final HttpTransport transport;

    /** @param headers extra headers, values already resolved (secrets: never logged or echoed) */
    public TranscriptionClient(LoadTargets targets, PreparedWorkload workload, Map<String, String> headers,
                               Duration timeout) {
        this.targets = targets;
        this.workload = workload;
        this.transport = "jdk".equalsIgnoreCase(System.getProperty(HttpTransport.PROPERTY))
                ? new JdkTransport(targets.endpoints(), headers, timeout)
                : new NettyTransport(targets.endpoints(), workload, headers, timeout);
    }

    /** Sends one request, blocking the caller until it completes; never throws. */
    public RequestOutcome send(PreparedWorkload.Clip clip) {
        try {
            return sendAsync(clip).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestOutcome.ofFailure(System.nanoTime(), e);
        } catch (Exception e) {
            return RequestOutcome.ofFailure(System.nanoTime(), e);
        }
    }

    /** Sends one request without blocking; the future always completes normally. */
    public CompletableFuture<RequestOutcome> sendAsync(PreparedWorkload.Clip clip) {
        return transport.send(targets.nextIndex(), clip);
    }

    public LoadTargets targets() {
        return targets;
    }

    public PreparedWorkload workload() {
        return workload;
    }

    /** The audio duration a verbose_json response reports; a cheap scan, not a full JSON parse. */
    static Double durationOf(String body) {
        if (body == null || body.indexOf("\"duration\"") < 0) {
            return null;
        }
        Matcher m = DURATION.matcher(body);
        if (!m.find()) {
            return null;
        }
        try {
            double d = Double.parseDouble(m.group(1));
            return d > 0 && Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
