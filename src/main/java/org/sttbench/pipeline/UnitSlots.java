package org.sttbench.pipeline;

import java.util.concurrent.Semaphore;
import org.sttbench.exec.RunWidth;

/**
 * The units of one run that may be running at once. The route's split hands units to a shared thread
 * pool (a Camel thread pool profile); this bounds one run's share of it to what its executor allows, in
 * plan order (a fair semaphore: the first unit waiting is the first to start).
 */
public final class UnitSlots {
    private final RunWidth width;
    private final Semaphore permits;

    public UnitSlots(RunWidth width) {
        this.width = width;
        this.permits = new Semaphore(width.units(), true);
    }

    public RunWidth width() {
        return width;
    }

    /** More than one unit at a time: the route takes the parallel split. */
    public boolean parallel() {
        return width.parallel();
    }

    void acquire() throws InterruptedException {
        permits.acquire();
    }

    void release() {
        permits.release();
    }
}
