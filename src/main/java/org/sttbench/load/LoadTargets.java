package org.sttbench.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.sttbench.BadInputException;

/** The transcription endpoints a run spreads its requests over, one after the other (round-robin). */
public final class LoadTargets {
    public static final String TRANSCRIPTIONS_PATH = ApiDialect.OPENAI_PATH;

    private final List<URI> endpoints;
    private final AtomicLong next = new AtomicLong();

    private LoadTargets(List<URI> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** OpenAI's path for base URLs. */
    public static LoadTargets parse(List<String> urls) {
        return parse(urls, TRANSCRIPTIONS_PATH);
    }

    /**
     * A base URL (no path, or "/") gets the dialect's path; a URL with a path is the endpoint itself and
     * is used as it is (so {@code http://host:8080/inference} posts to /inference, whatever the dialect).
     */
    public static LoadTargets parse(List<String> urls, String path) {
        if (urls == null || urls.isEmpty()) {
            throw new BadInputException("no load target given: pass --target http://HOST:PORT");
        }
        List<URI> endpoints = new ArrayList<>();
        for (String url : urls) {
            endpoints.add(endpoint(url, path));
        }
        return new LoadTargets(endpoints);
    }

    static URI endpoint(String url, String path) {
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
        String given = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!given.isEmpty() && !given.equals("/")) {
            return uri;
        }
        return URI.create(trimmed.replaceAll("/+$", "") + path);
    }

    public URI next() {
        return endpoints.get(nextIndex());
    }

    /** The index of the next endpoint, round-robin. */
    public int nextIndex() {
        return endpoints.size() == 1 ? 0 : (int) Math.floorMod(next.getAndIncrement(), (long) endpoints.size());
    }

    public List<URI> endpoints() {
        return endpoints;
    }

    /** The endpoints as results and messages may show them: without any user:password part. */
    public List<String> asStrings() {
        return endpoints.stream().map(LoadTargets::shown).toList();
    }

    private static String shown(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
