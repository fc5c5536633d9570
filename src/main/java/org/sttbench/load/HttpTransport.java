package org.sttbench.load;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one prepared request and reports its outcome. The futures always complete normally (failures
 * become a {@link RequestOutcome} with a cause) and stamp the end time the moment the last byte of the
 * response arrives, before any other work.
 */
interface HttpTransport extends AutoCloseable {
    /** System property that picks the transport: {@code netty} (default) or {@code jdk}. */
    String PROPERTY = "sttbench.load.client";

    CompletableFuture<RequestOutcome> send(int endpoint, PreparedWorkload.Clip clip);

    @Override
    void close();
}
