package org.sttbench.load;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What one request came back with.
 *
 * @param endNanos         System.nanoTime() when the response (or the failure) arrived
 * @param status           HTTP status, 0 when no response came
 * @param errorCause       null on success, else http_NNN, timeout, connection_refused or other
 * @param audioDurationS   the {@code duration} field of the response body when it has one, else null
 */
public record RequestOutcome(long endNanos, int status, String errorCause, Double audioDurationS) {
    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION_REFUSED = "connection_refused";
    public static final String OTHER = "other";

    public boolean success() {
        return errorCause == null;
    }

    static RequestOutcome ofStatus(long endNanos, int status, Double audioDurationS) {
        return new RequestOutcome(endNanos, status, status >= 200 && status < 300 ? null : "http_" + status,
                audioDurationS);
    }

    static RequestOutcome ofFailure(long endNanos, Throwable failure) {
        return new RequestOutcome(endNanos, 0, classify(failure), null);
    }

    /** Maps a transport failure to the cause names reports use. */
    public static String classify(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException || c instanceof ConnectTimeoutException) {
                return TIMEOUT;
            }
            if (c instanceof ConnectException || c instanceof UnresolvedAddressException) {
                return CONNECTION_REFUSED;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return OTHER;
    }
}
