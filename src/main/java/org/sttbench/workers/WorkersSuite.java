package org.sttbench.workers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sttbench.Json;
import org.sttbench.load.ApiDialect;
import org.sttbench.load.ClosedLoadConfig;
import org.sttbench.load.ClosedLoadResult;
import org.sttbench.load.ClosedLoadRun;
import org.sttbench.load.LevelResult;
import org.sttbench.load.LoadListener;
import org.sttbench.load.LoadSpec;

/**
 * Multi-worker scaling: for each replica count N, start N workers, load them together (round-robin,
 * the per-worker concurrency times N in flight) and compare the throughput with N times one worker's:
 * efficiency = rps(N) / (N x rps(1)). Reported as {@code analysis.workers} (docs/results-schema.md).
 */
public final class WorkersSuite {
    /**
     * @param counts            replica counts, smallest first (the first is the baseline)
     * @param requestsPerWorker measured requests per replica at each count
     * @param concurrency       requests in flight per replica
     * @param cpusPerWorker     CPU limit of each replica
     * @param api               how to talk to the replicas; null: OpenAI's API, as sttbench serve speaks it
     */
    public record Settings(List<Integer> counts, int requestsPerWorker, int concurrency, double cpusPerWorker,
                           Path audio, Duration requestTimeout, ApiDialect api) {
        public Settings(List<Integer> counts, int requestsPerWorker, int concurrency, double cpusPerWorker,
                        Path audio, Duration requestTimeout) {
            this(counts, requestsPerWorker, concurrency, cpusPerWorker, audio, requestTimeout, null);
        }
    }

    private WorkersSuite() {
    }

    public static ObjectNode run(Settings s, Supplier<WorkerFleet> fleets, Consumer<String> progress)
            throws Exception {
        ObjectNode node = Json.json().createObjectNode();
        node.put("concurrency", s.concurrency());
        node.put("requests_per_worker", s.requestsPerWorker());
        node.put("cpus_per_worker", s.cpusPerWorker());
        ArrayNode points = node.putArray("points");
        Double baseline = null;
        int baselineCount = 0;
        for (int count : s.counts().stream().sorted().toList()) {
            try (WorkerFleet fleet = fleets.get()) {
                List<String> urls = fleet.start(count);
                LoadSpec spec = LoadSpec.of(urls, s.audio()).withApi(s.api()).withTimeout(s.requestTimeout());
                ClosedLoadConfig config = new ClosedLoadConfig(spec, List.of(s.concurrency() * count),
                        s.requestsPerWorker() * count, count, null, 1.0);
                ClosedLoadResult result = new ClosedLoadRun(config, a -> OptionalDouble.empty(),
                        LoadListener.NONE).run();
                LevelResult level = result.levels().get(0);
                if (baseline == null) {
                    baseline = level.rps() / count;
                    baselineCount = count;
                }
                double expected = baseline * count;
                ObjectNode p = points.addObject();
                p.put("workers", count);
                p.put("rps", level.rps());
                p.put("avg_ms", level.avgMs());
                p.put("p95_ms", level.p95Ms());
                p.put("success_rate", level.successRate());
                p.put("expected_rps", expected);
                p.put("efficiency", expected > 0 ? level.rps() / expected : 0);
                progress.accept(String.format("  workers=%d: %.2f rps (expected %.2f from %d), p95 %.0f ms, success %.0f%%",
                        count, level.rps(), expected, baselineCount, level.p95Ms(), level.successRate() * 100));
            }
        }
        return node;
    }
}
