package org.sttbench.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sttbench.Json;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.OpenLoadConfig;
import org.sttbench.load.RequestLog;
import org.sttbench.load.Traffic;
import org.sttbench.workers.WorkerFleet;

/**
 * The plan's {@code capacity} suite: a capacity search against the plan's target, or against one replica
 * of {@code sttbench serve} it starts (then the answer is the capacity of one pod at {@code cpus}).
 * Reported as {@code analysis.capacity} (docs/results-schema.md).
 */
public final class CapacitySuite {
    /**
     * @param target  base URL, null to start one replica
     * @param windowS fixed measurement window in seconds, null to fit it to the rate (see {@link OpenLoadProbe.Windows})
     * @param traffic arrival process and clip mix of every step
     * @param log     raw per-request and per-step output
     */
    public record Settings(String target, Path audio, double cpus, SearchSettings search, Double windowS,
                           Duration requestTimeout, Traffic traffic, RequestLog log) {
        public Settings {
            traffic = traffic == null ? Traffic.DEFAULT : traffic;
            log = log == null ? RequestLog.NONE : log;
        }

        /** Constant arrivals of the one clip, no raw data. */
        public Settings(String target, Path audio, double cpus, SearchSettings search, Double windowS,
                        Duration requestTimeout) {
            this(target, audio, cpus, search, windowS, requestTimeout, Traffic.DEFAULT, RequestLog.NONE);
        }
    }

    private CapacitySuite() {
    }

    public static ObjectNode run(Settings s, Supplier<WorkerFleet> fleets, Consumer<String> progress) throws Exception {
        if (s.target() != null) {
            return search(s, List.of(s.target().split(",")), progress);
        }
        try (WorkerFleet fleet = fleets.get()) {
            List<String> urls = fleet.start(1);
            progress.accept("  one replica at " + s.cpus() + " CPU: " + urls.get(0));
            VerifySuite.warmUp(s.traffic().apply(LoadSpec.of(urls, s.audio()).withTimeout(s.requestTimeout())), 1);
            ObjectNode node = search(s, urls, progress);
            node.put("replica_cpus", s.cpus());
            node.put("per_pod", true);
            return node;
        }
    }

    private static ObjectNode search(Settings s, List<String> urls, Consumer<String> progress) {
        LoadSpec spec = s.traffic().apply(LoadSpec.of(urls, s.audio()).withTimeout(s.requestTimeout()));
        OpenLoadProbe.Windows w = OpenLoadProbe.Windows.DEFAULT;
        if (s.windowS() != null) {
            w = new OpenLoadProbe.Windows(w.minRequestsPerWindow(), s.windowS(), s.windowS(), w.stableWindows(),
                    w.tolerance(), w.maxWindows());
        }
        CapacityResult result;
        try (OpenLoadProbe probe = new OpenLoadProbe(spec, s.search().slaP95Ms(), w,
                OpenLoadConfig.DEFAULT_MAX_IN_FLIGHT, s.traffic().arrival(), s.traffic().slo(s.search().slaP95Ms()),
                s.log())) {
            result = new CapacitySearch(probe, s.search(), progress).run();
        }
        progress.accept("  " + result.message());
        ObjectNode node = CapacityJson.of(urls, s.audio().getFileName().toString(), result);
        node.setAll((ObjectNode) Json.json().valueToTree(s.traffic().describe(spec)));
        return node;
    }
}
