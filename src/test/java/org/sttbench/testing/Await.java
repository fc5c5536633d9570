package org.sttbench.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on a condition rather than for a time, so a busy machine makes a test slower, not red. */
public final class Await {
    private static final long POLL_MS = 100;

    private Await() {
    }

    /**
     * Polls {@code condition} until it holds; after {@code bound} fails with what {@code state} says
     * (the console, a folder listing), so the failure shows what was seen instead.
     */
    public static void until(Duration bound, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + bound + "; state:\n" + state.get());
            }
            Thread.sleep(POLL_MS);
        }
    }
}
