package org.sttbench.workers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Ready when GET {@code path} answers {@code status} (whisper.cpp's server says 503 while it loads). */
public record HealthCheck(String path, int status) implements Readiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public boolean ready(String baseUrl) throws InterruptedException {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == status;
        } catch (IOException e) {
            return false;   // not listening yet (the engine's proxy accepts, then drops the connection)
        }
    }
}
