package org.sttbench.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.sttbench.BadInputException;

/**
 * {@code models pull NAME}: downloads {@code <base>/ggml-<name>.bin} into the store. The file is streamed into
 * a temporary file in the store folder while SHA-1 (checked against the catalog) and SHA-256 (cached for
 * results) are computed, checked, then renamed atomically; on any failure nothing is left behind.
 *
 * <p>Base URL: system property {@value #URL_PROPERTY}, else environment variable {@value #URL_ENV}, else
 * {@value #DEFAULT_BASE_URL}.
 */
public final class ModelDownloader {
    public static final String URL_PROPERTY = "sttbench.models.base-url";
    public static final String URL_ENV = "STTBENCH_MODELS_URL";
    public static final String DEFAULT_BASE_URL = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

    private final ModelStore store;
    private final ModelCatalog catalog;
    private final String baseUrl;
    private final HttpClient http;
    private final boolean progress;

    public ModelDownloader(ModelStore store, ModelCatalog catalog, String baseUrl, boolean progress) {
        this.store = store;
        this.catalog = catalog;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL) // Hugging Face redirects to its CDN
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Standard catalog, base URL from the environment, progress bar when stderr is a terminal. */
    public static ModelDownloader fromEnvironment(ModelStore store) {
        return new ModelDownloader(store, ModelCatalog.standard(),
                baseUrl(System.getProperties(), System.getenv()), System.console() != null);
    }

    static String baseUrl(Properties props, Map<String, String> env) {
        String p = props.getProperty(URL_PROPERTY);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = env.get(URL_ENV);
        return e != null && !e.isBlank() ? e : DEFAULT_BASE_URL;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public URI urlFor(String name) {
        return URI.create(baseUrl + "/ggml-" + name + ".bin");
    }

    /**
     * Downloads {@code name} unless the store already holds it with the published checksum.
     *
     * @throws BadInputException      the name is not in the catalog (the message lists the known ones)
     * @throws ModelDownloadException network, HTTP or checksum failure (nothing is left in the store)
     */
    public ModelInfo pull(String name) throws ModelDownloadException {
        CatalogEntry entry = catalog.find(name).orElseThrow(() -> new BadInputException(
                "unknown model: " + name + "; known: " + String.join(", ", catalog.names())));
        Path target = store.pathFor(name);
        if (Files.isRegularFile(target) && alreadyThere(target, entry)) {
            return store.resolve(name);
        }
        URI url = urlFor(name);
        Path tmp = null;
        try {
            Files.createDirectories(store.dir());
            tmp = Files.createTempFile(store.dir(), "." + entry.file(), ".part");
            String sha256 = download(url, entry, tmp);
            GgmlHeader.read(tmp); // a server that answers 200 with an HTML page is not a model
            ModelStore.makeWorldReadable(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ModelStore.writeSidecar(target, sha256);
            return store.resolve(name);
        } catch (BadInputException e) {
            throw new ModelDownloadException("downloaded " + url + " is " + e.getMessage(), e);
        } catch (ModelDownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelDownloadException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private boolean alreadyThere(Path target, CatalogEntry entry) throws ModelDownloadException {
        if (entry.sha1() == null) {
            return true;
        }
        try {
            return entry.sha1().equalsIgnoreCase(ModelStore.digest(target, "SHA-1"));
        } catch (IOException e) {
            throw new ModelDownloadException("cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /** Streams the body into {@code tmp}; returns its SHA-256 after checking length and SHA-1. */
    private String download(URI url, CatalogEntry entry, Path tmp) throws ModelDownloadException {
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDownloadException("download of " + url + " interrupted", e);
        } catch (IOException | UnresolvedAddressException e) {
            throw new ModelDownloadException("cannot reach " + url + ": " + describe(e)
                    + " (offline? set " + URL_ENV + " to a mirror, or for timing only: sttbench models synth "
                    + entry.name() + ")", e);
        }
        MessageDigest sha1 = ModelStore.newDigest("SHA-1");
        MessageDigest sha256 = ModelStore.newDigest("SHA-256");
        long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long received = 0;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new ModelDownloadException("download of " + url + " failed: HTTP " + response.statusCode());
            }
            try (OutputStream out = Files.newOutputStream(tmp);
                 ProgressBar bar = progressBar(entry, expected)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = body.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    sha1.update(buf, 0, n);
                    sha256.update(buf, 0, n);
                    received += n;
                    if (bar != null) {
                        bar.stepTo(received);
                    }
                }
            }
        } catch (ModelDownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelDownloadException("download of " + url + " broke off after " + received + " bytes: "
                    + describe(e), e);
        }
        if (expected >= 0 && received != expected) {
            throw new ModelDownloadException("download of " + url + " broke off after " + received + " of "
                    + expected + " bytes");
        }
        String sha1Hex = HexFormat.of().formatHex(sha1.digest());
        if (entry.sha1() != null && !entry.sha1().equalsIgnoreCase(sha1Hex)) {
            throw new ModelDownloadException("checksum mismatch for " + entry.file() + " from " + url
                    + ": expected SHA-1 " + entry.sha1() + ", got " + sha1Hex + "; nothing was stored");
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private ProgressBar progressBar(CatalogEntry entry, long expected) {
        if (!progress) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(entry.file())
                .setInitialMax(expected > 0 ? expected : entry.approxSizeBytes())
                .setUnit("MiB", 1 << 20)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed()
                .build();
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        if (t instanceof ConnectException || e instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (t instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (t instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg.replace('\n', ' '));
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the temp file has a leading dot and a .part suffix
            }
        }
    }
}
