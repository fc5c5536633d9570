package org.sttbench.workers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.ThrottlingDataConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.sttbench.host.ResourceUsage;

/**
 * A container's CPU time and CFS throttling counters from the engine's stats API (one sample, not a
 * stream): the same figures a worker reads from its own cgroup, so a service measured over HTTP shows
 * whether its limit held exactly as a worker does.
 */
final class DockerStats {
    private DockerStats() {
    }

    /**
     * The sample's own time stamp on this process's nanoTime scale: the engine takes a one-shot sample
     * up to a second after being asked, which would otherwise skew CPU/wall over a short interval.
     */
    private static long readAt(String read) {
        long now = System.nanoTime();
        try {
            long ageNanos = Duration.between(Instant.parse(read), Instant.now()).toNanos();
            return ageNanos >= 0 && ageNanos < 60_000_000_000L ? now - ageNanos : now;
        } catch (RuntimeException e) {
            return now;
        }
    }

    static Optional<ResourceUsage.Snapshot> snapshot(DockerClient docker, String id) {
        AtomicReference<Statistics> sample = new AtomicReference<>();
        try (ResultCallback.Adapter<Statistics> callback = docker.statsCmd(id).withNoStream(true)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Statistics s) {
                        sample.compareAndSet(null, s);
                    }
                })) {
            callback.awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
        Statistics s = sample.get();
        CpuStatsConfig cpu = s == null ? null : s.getCpuStats();
        if (cpu == null || cpu.getCpuUsage() == null || cpu.getCpuUsage().getTotalUsage() == null) {
            return Optional.empty();
        }
        ThrottlingDataConfig t = cpu.getThrottlingData();
        long wall = readAt(s.getRead());
        return Optional.of(new ResourceUsage.Snapshot(cpu.getCpuUsage().getTotalUsage(), wall,
                t == null || t.getPeriods() == null ? -1 : t.getPeriods(),
                t == null || t.getThrottledPeriods() == null ? -1 : t.getThrottledPeriods(),
                t == null || t.getThrottledTime() == null ? -1 : t.getThrottledTime()));
    }
}
