package org.sttbench.serve;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the transcription server runs.
 *
 * @param host            address to bind (0.0.0.0 in a container, 127.0.0.1 in tests)
 * @param port            0 picks a free port
 * @param workers         concurrent transcriptions (= engine states)
 * @param maxQueue        accepted requests waiting for a worker; beyond it the server answers 503
 * @param maxUploadBytes  larger uploads get 413
 * @param requestTimeout  a request not answered within it gets 504
 * @param uploadsDir      where uploads are spooled; null for a fresh temp directory
 * @param headerTimeout   a request line and headers not complete within it get 408 and the connection
 *                        is closed (null: 20 s)
 */
public record ServeConfig(String host, int port, int workers, int maxQueue, long maxUploadBytes,
                          Duration requestTimeout, Path uploadsDir, Duration headerTimeout) {
    public static final int DEFAULT_PORT = 8000;
    public static final long DEFAULT_MAX_UPLOAD_MB = 25;
    /** Long enough for a phone on a bad link, short enough that a slow-header client cannot hoard sockets. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(20);

    public ServeConfig(String host, int port, int workers, int maxQueue, long maxUploadBytes,
                       Duration requestTimeout, Path uploadsDir) {
        this(host, port, workers, maxQueue, maxUploadBytes, requestTimeout, uploadsDir, null);
    }

    public ServeConfig {
        if (workers < 1 || maxQueue < 0 || maxUploadBytes < 1 || port < 0 || port > 65535) {
            throw new IllegalArgumentException("workers >= 1, max queue >= 0, upload limit >= 1 byte, port 0..65535");
        }
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(5) : requestTimeout;
        host = host == null ? "0.0.0.0" : host;
        headerTimeout = headerTimeout == null ? DEFAULT_HEADER_TIMEOUT : headerTimeout;
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("the header timeout must be positive");
        }
    }
}
