package org.sttbench.capacity;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.sttbench.load.StubTranscriptionServer;

/**
 * Loopback transcription endpoints whose capacity is known by construction: {@code slots} requests are
 * served at a time, each for {@code serviceMs}; the rest wait in a fair queue, so the true capacity is
 * slots * 1000 / serviceMs requests per second.
 */
final class SlotServer {
    private SlotServer() {
    }

    /** Answers {@code status} after the service time; far more threads than slots, so waiting is in the queue. */
    static StubTranscriptionServer of(int slots, long serviceMs, int status) throws IOException {
        Semaphore free = new Semaphore(slots, true);
        return new StubTranscriptionServer(256, i -> {
            free.acquire();
            try {
                Thread.sleep(serviceMs);
            } finally {
                free.release();
            }
            return status;
        });
    }
}
