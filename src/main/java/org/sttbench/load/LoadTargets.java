package org.sttbench.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.sttbench.BadInputException;

/** The transcription endpoints a run spreads its requests over, one after the other (round-robin). */
public final class LoadTargets {
    public static final String TRANSCRIPTIONS_PATH = "/v1/audio/transcriptions";

    private final List<URI> endpoints;
    private final AtomicLong next = new AtomicLong();

    private LoadTargets(List<URI> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** Accepts base URLs (the transcription path is appended) or full endpoint URLs (used as they are). */
    public static LoadTargets parse(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new BadInputException("no load target given: pass --target http://HOST:PORT");
        }
        List<URI> endpoints = new ArrayList<>();
        for (String url : urls) {
            endpoints.add(endpoint(url));
        }
        return new LoadTargets(endpoints);
    }

    static URI endpoint(String url) {
        String trimmed = url == null ? "" : url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new BadInputException("bad target URL '" + trimmed + "': " + e.getReason()
                    + " (expected e.g. http://127.0.0.1:8000)");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new BadInputException("bad target URL '" + trimmed
                    + "': needs http:// or https:// and a host (e.g. http://127.0.0.1:8000)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith(TRANSCRIPTIONS_PATH)) {
            return uri;
        }
        String base = trimmed.replaceAll("/+$", "");
        return URI.create(base + TRANSCRIPTIONS_PATH);
    }

    public URI next() {
        return endpoints.get((int) Math.floorMod(next.getAndIncrement(), (long) endpoints.size()));
    }

    public List<URI> endpoints() {
        return endpoints;
    }

    public List<String> asStrings() {
        return endpoints.stream().map(URI::toString).toList();
    }
}
