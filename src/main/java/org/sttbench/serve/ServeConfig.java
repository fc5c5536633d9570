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
 */
public record ServeConfig(String host, int port, int workers, int maxQueue, long maxUploadBytes,
                          Duration requestTimeout, Path uploadsDir) {
    public static final int DEFAULT_PORT = 8000;
    public static final long DEFAULT_MAX_UPLOAD_MB = 25;

    public ServeConfig {
        if (workers < 1 || maxQueue < 0 || maxUploadBytes < 1 || port < 0 || port > 65535) {
            throw new IllegalArgumentException("workers >= 1, max queue >= 0, upload limit >= 1 byte, port 0..65535");
        }
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(5) : requestTimeout;
        host = host == null ? "0.0.0.0" : host;
    }
}
