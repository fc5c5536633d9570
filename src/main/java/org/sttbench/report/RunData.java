package org.sttbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sttbench.Json;
import org.sttbench.analysis.CpuScalingAnalysis;
import org.sttbench.analysis.ThreadTuning;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.results.RunResult;

/**
 * Typed access to the parts of a results document reports need: the analyses under {@code analysis}
 * (read back into their records) and the measurements of the successful units.
 */
public final class RunData {
    private final RunResult run;
    private final JsonNode analysis;

    public RunData(RunResult run) {
        this.run = run;
        this.analysis = run.analysis() == null ? Json.json().createObjectNode() : run.analysis();
    }

    public RunResult run() {
        return run;
    }

    public JsonNode analysis() {
        return analysis;
    }

    public Map<String, CpuScalingAnalysis.Result> cpuScaling() {
        return byModel("cpu_scaling", CpuScalingAnalysis.Result.class);
    }

    public Map<String, ThreadTuning.Result> threads() {
        return byModel("threads", ThreadTuning.Result.class);
    }

    /** {@code analysis.load} when it has levels. */
    public Optional<JsonNode> load() {
        JsonNode load = analysis.path("load");
        return load.path("levels").isArray() && !load.path("levels").isEmpty() ? Optional.of(load) : Optional.empty();
    }

    /** {@code analysis.load} of an open-model run (one stage per arrival rate) when it has stages. */
    public Optional<JsonNode> openLoad() {
        JsonNode load = analysis.path("load");
        return "open".equals(load.path("mode").asText()) && load.path("open").path("stages").isArray()
                && !load.path("open").path("stages").isEmpty() ? Optional.of(load) : Optional.empty();
    }

    /** {@code analysis.workers} when it has points. */
    public Optional<JsonNode> workers() {
        JsonNode workers = analysis.path("workers");
        return workers.path("points").isArray() && !workers.path("points").isEmpty() ? Optional.of(workers)
                : Optional.empty();
    }

    public List<UnitResult> okUnits(Suite suite) {
        return run.units().stream().filter(UnitResult::ok).filter(u -> u.unit().suite() == suite).toList();
    }

    public List<UnitResult> okUnits(Suite suite, String model) {
        return okUnits(suite).stream().filter(u -> model.equals(u.unit().model().name())).toList();
    }

    public List<Measurement> measurements(Suite... suites) {
        List<Measurement> out = new ArrayList<>();
        for (Suite suite : suites) {
            okUnits(suite).forEach(u -> out.addAll(u.measurements()));
        }
        return out;
    }

    private <T> Map<String, T> byModel(String field, Class<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        JsonNode node = analysis.path(field);
        if (!node.isObject()) {
            return out;
        }
        node.fields().forEachRemaining(e -> {
            try {
                out.put(e.getKey(), Json.json().treeToValue(e.getValue(), type));
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("analysis." + field + "." + e.getKey() + " is not readable: "
                        + ex.getOriginalMessage(), ex);
            }
        });
        return out;
    }

    /** File-safe form of a model name for chart names: "base.en" -> "base-en". */
    public static String safe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
