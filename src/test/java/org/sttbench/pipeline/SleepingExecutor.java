package org.sttbench.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.sttbench.analysis.LatencySummary;
import org.sttbench.bench.AudioRef;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.host.HostInspector;

/** Stands in for the local executor: each unit takes a set time and "measures" it; counts overlaps. */
class SleepingExecutor implements UnitExecutor {
    private final long unitMillis;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger executed = new AtomicInteger();

    SleepingExecutor(long unitMillis) {
        this.unitMillis = unitMillis;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public double maxCpus() {
        return 2;
    }

    @Override
    public void checkReady() {
    }

    @Override
    public UnitResult execute(WorkUnit unit) {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(unitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
            executed.incrementAndGet();
        }
        double[] samples = {unitMillis};
        Measurement m = new Measurement(unit.suite(), new AudioRef("en_5s.wav", "wav", 5.0), 1, 0, unit.cpuLimit(), 1,
                unitMillis, LatencySummary.of(samples), samples, 1000.0 / unitMillis, unitMillis / 5000.0, 1.0, 100.0,
                null, "test");
        return new UnitResult(unit, UnitResult.OK, null, name(), new HostInspector().inspect(), "test", unit.model(), 1,
                "test", 1.0, List.of(m), null, 100.0);
    }
}
