package org.sttbench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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
    private final PreparedWorkload workload;
    private final String[] headers;
    private final Duration timeout;

    /** @param headers extra headers, values already resolved (secrets: never logged or echoed) */
    public TranscriptionClient(LoadTargets targets, PreparedWorkload workload, Map<String, String> headers,
                               Duration timeout) {
        this.targets = targets;
        this.workload = workload;
        this.headers = headers.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends one request, blocking the caller until it completes; never throws. */
    public RequestOutcome send(AudioPayload payload) {
        HttpRequest request = request(targets.next(), payload);
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
    public CompletableFuture<RequestOutcome> sendAsync(AudioPayload payload) {
        HttpRequest request = request(targets.next(), payload);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null ? outcome(response)
                        : RequestOutcome.ofFailure(System.nanoTime(), failure));
    }

    public LoadTargets targets() {
        return targets;
    }

    public PreparedWorkload workload() {
        return workload;
    }

    private HttpRequest request(URI endpoint, AudioPayload payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", payload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b.build();
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
