package org.sttbench.workers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.sttbench.OneLine;
import org.sttbench.analysis.LatencySummary;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.bench.AudioRef;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.host.ResourceUsage;
import org.sttbench.load.ClosedLoadConfig;
import org.sttbench.load.ClosedLoadResult;
import org.sttbench.load.ClosedLoadRun;
import org.sttbench.load.LevelResult;
import org.sttbench.load.LoadListener;
import org.sttbench.load.RequestOutcome;

/**
 * Runs a cpu_scaling or threads unit against the service under test instead of in a worker: one instance
 * at the unit's CPU limit and thread count, warm-up requests, then sequential requests (their latencies
 * are the unit's samples, and the instance's CPU time over them is its CPU/wall) and a short closed sweep
 * for the most requests per second it serves at that size. The result is an ordinary {@link UnitResult},
 * so speedup, efficiency, Amdahl/USL and "limit held" come out of the same analysis as for a worker.
 */
public final class ServiceUnitRunner {
    /** Concurrency of the closed sweep after the sequential part; one level keeps a unit short. */
    static final List<Integer> SWEEP = List.of(2);

    /** Starts a fleet of the service with this CPU limit and thread count. */
    @FunctionalInterface
    public interface Fleets {
        WorkerFleet create(double cpus, int threads);
    }

    private final ServiceDefinition service;
    private final ServiceClients clients;
    private final Fleets fleets;
    private final String executor;
    private final Consumer<String> progress;

    public ServiceUnitRunner(ServiceDefinition service, ServiceClients clients, Fleets fleets, String executor,
                             Consumer<String> progress) {
        this.service = service;
        this.clients = clients;
        this.fleets = fleets;
        this.executor = executor;
        this.progress = progress;
    }

    public UnitResult run(WorkUnit unit) {
        double cpus = unit.cpuLimit() == null ? 1.0 : unit.cpuLimit();
        int threads = unit.threads() == null ? (int) Math.max(1, Math.ceil(cpus)) : unit.threads();
        long started = System.nanoTime();
        try (WorkerFleet fleet = fleets.create(cpus, threads)) {
            String url;
            try {
                url = fleet.start(1).get(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(unit, "interrupted while starting " + service.name());
            } catch (Exception e) {
                return failed(unit, OneLine.of(e));
            }
            double loadMs = (System.nanoTime() - started) / 1e6;
            List<Measurement> measurements = new ArrayList<>();
            ResourceUsage.Snapshot first = null;
            ResourceUsage.Snapshot last = null;
            for (String clip : unit.audio()) {
                Sequential seq = measure(fleet, url, unit, Path.of(clip), threads);
                if (seq.failure != null) {
                    return failed(unit, seq.failure + " (" + service.name() + " log: " + fleet.logTail(0) + ")");
                }
                measurements.add(seq.measurement);
                first = first == null ? seq.start : first;
                last = seq.end;
            }
            ResourceUsage.Delta usage = first == null || last == null ? null : ResourceUsage.between(first, last);
            return new UnitResult(unit, UnitResult.OK, null, executor, null, describe(), unit.model(), threads,
                    service.threadsSetting().map(s -> "service " + s).orElse("service: threads not set"), loadMs,
                    measurements, usage, null);
        }
    }

    private record Sequential(Measurement measurement, ResourceUsage.Snapshot start, ResourceUsage.Snapshot end,
                              String failure) {
    }

    private Sequential measure(WorkerFleet fleet, String url, WorkUnit unit, Path clip, int threads) {
        double duration = new AudioDecoder().decode(clip).durationS();
        int iterations = Math.max(1, unit.iterations());
        List<Long> ends = new ArrayList<>();
        long[] levelStart = new long[1];
        ResourceUsage.Snapshot[] window = new ResourceUsage.Snapshot[2];
        LoadListener listener = new LoadListener() {
            @Override
            public void levelStarted(int concurrency, int requests) {
                window[0] = fleet.usage(0).orElse(null);
                levelStart[0] = System.nanoTime();
            }

            @Override
            public void requestDone(RequestOutcome outcome) {
                synchronized (ends) {
                    ends.add(outcome.endNanos());
                }
            }

            @Override
            public void levelDone(LevelResult level) {
                window[1] = fleet.usage(0).orElse(null);
            }
        };
        ClosedLoadResult sequential = new ClosedLoadRun(new ClosedLoadConfig(clients.spec(List.of(url), clip),
                List.of(1), iterations, unit.warmup(), null, 1.0), a -> OptionalDouble.of(duration), listener).run();
        LevelResult level = sequential.levels().get(0);
        if (level.errors() > 0) {
            return new Sequential(null, null, null, clients.explainFailures(level.errorsByCause(), level.requests(),
                    level.successes()));
        }
        ResourceUsage.Snapshot start = window[0];
        ResourceUsage.Snapshot end = window[1];
        // sequential: each request was sent when the one before it completed
        double[] samples = new double[ends.size()];
        long previous = levelStart[0];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (ends.get(i) - previous) / 1e6;
            previous = ends.get(i);
        }
        double maxRps = level.rps();
        ClosedLoadResult sweep = new ClosedLoadRun(new ClosedLoadConfig(clients.spec(List.of(url), clip), SWEEP,
                Math.max(iterations, 2), 0, null, 1.0), a -> OptionalDouble.of(duration), LoadListener.NONE).run();
        for (LevelResult l : sweep.levels()) {
            if (l.errors() > 0) {
                // an instance that fails under concurrency has no max rps worth reporting
                return new Sequential(null, null, null, "closed sweep at concurrency " + l.concurrency() + ": "
                        + clients.explainFailures(l.errorsByCause(), l.requests(), l.successes()));
            }
            maxRps = Math.max(maxRps, l.rps());
        }
        LatencySummary stats = LatencySummary.of(samples);
        progress.accept(String.format("%s: %s at %s CPU, %d thread(s): %.0f ms sequential, max %.2f rps",
                unit.unitId(), service.name(), ServiceDefinition.fmt(unit.cpuLimit() == null ? 1 : unit.cpuLimit()),
                threads, stats.avgMs(), maxRps));
        String name = clip.getFileName().toString();
        Measurement m = new Measurement(unit.suite(), new AudioRef(name, format(name), duration), samples.length,
                unit.warmup(), unit.cpuLimit(), threads, stats.avgMs(), stats, samples, maxRps,
                stats.avgMs() / 1000.0 / duration, 0, null, null, null);
        return new Sequential(m, start, end, null);
    }

    private String describe() {
        return "service " + service.name() + " (" + service.startedAs(executor) + ", api " + service.api().dialect() + ")";
    }

    private UnitResult failed(WorkUnit unit, String reason) {
        progress.accept(unit.unitId() + ": " + reason);
        return UnitResult.failed(unit, executor, reason);
    }

    private static String format(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Error causes as "http_404 x5, timeout x1", for messages. */
    static String causes(Map<String, Long> byCause) {
        return byCause.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("no answer");
    }
}
