package org.sttbench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the run's transcription request: one JDK HttpClient (HTTP/1.1, pooled keep-alive connections)
 * for the whole run, a per-request timeout, and targets taken round-robin.
 */
public final class TranscriptionClient implements AutoCloseable {
    private static final Pattern DURATION = Pattern.compile("\"duration\"\\s*:\\s*([0-9.eE+-]+)");

    private final HttpClient http;
    private final LoadTargets targets;
    private final AudioPayload payload;
    private final Duration timeout;

    public TranscriptionClient(LoadTargets targets, AudioPayload payload, Duration timeout) {
        this.targets = targets;
        this.payload = payload;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends one request, blocking the caller until it completes; never throws. */
    public RequestOutcome send() {
        HttpRequest request = request(targets.next());
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return outcome(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestOutcome.ofFailure(System.nanoTime(), e);
        } catch (Exception e) {
            return RequestOutcome.ofFailure(System.nanoTime(), e);
        }
    }

    /** Sends one request without blocking; the future always completes normally. */
    public CompletableFuture<RequestOutcome> sendAsync() {
        HttpRequest request = request(targets.next());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null ? outcome(response)
                        : RequestOutcome.ofFailure(System.nanoTime(), failure));
    }

    public LoadTargets targets() {
        return targets;
    }

    private HttpRequest request(URI endpoint) {
        return HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", payload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()))
                .build();
    }

    private static RequestOutcome outcome(HttpResponse<String> response) {
        long end = System.nanoTime();
        return RequestOutcome.ofStatus(end, response.statusCode(), durationOf(response.body()));
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
        // HttpClient only became AutoCloseable in Java 21; on 17 its threads die with the last reference.
    }
}
