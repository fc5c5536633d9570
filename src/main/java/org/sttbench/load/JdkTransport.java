package org.sttbench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The JDK's HttpClient (HTTP/1.1, pooled keep-alive connections). Kept as the comparison point of the
 * generator benchmark; it adds milliseconds per request to large uploads (see docs/load-testing.md).
 */
final class JdkTransport implements HttpTransport {
    private final HttpClient http;
    private final List<URI> endpoints;
    private final String[] headers;
    private final Duration timeout;

    JdkTransport(List<URI> endpoints, Map<String, String> headers, Duration timeout) {
        this.endpoints = endpoints;
        this.headers = headers.entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<RequestOutcome> send(int endpoint, PreparedWorkload.Clip clip) {
        AudioPayload payload = clip.payload();
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoints.get(endpoint))
                .timeout(timeout)
                .header("Content-Type", payload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    long end = System.nanoTime();
                    return failure == null
                            ? RequestOutcome.ofStatus(end, response.statusCode(),
                                    TranscriptionClient.durationOf(response.body()))
                            : RequestOutcome.ofFailure(end, failure);
                });
    }

    @Override
    public void close() {
        // HttpClient only became AutoCloseable in Java 21; on 17 its threads die with the last reference.
    }
}
