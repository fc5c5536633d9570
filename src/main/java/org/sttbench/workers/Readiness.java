package org.sttbench.workers;

/**
 * When a freshly started instance counts as ready: its health path answers the expected status, or, for
 * a service without one, a transcription succeeds. Called repeatedly until true or the start-up timeout.
 */
@FunctionalInterface
public interface Readiness {
    /** @param baseUrl the instance, e.g. http://127.0.0.1:32768 */
    boolean ready(String baseUrl) throws InterruptedException;
}
