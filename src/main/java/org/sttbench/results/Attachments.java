package org.sttbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.sttbench.Json;

/**
 * Elements of {@code analysis} that do not come from the units and so cannot be recomputed from them:
 * {@code stability} (a JUnit XML summary), {@code load} and {@code workers} (HTTP load tests) and
 * {@code regression} (a comparison with the history). They are attached to a run with these methods and
 * survive re-analysis through {@link #reanalyze(RunResult)}. Shapes: docs/results-schema.md.
 */
public final class Attachments {
    public static final String STABILITY = "stability";
    public static final String LOAD = "load";
    public static final String WORKERS = "workers";
    public static final String REGRESSION = "regression";
    /** a capacity search ({@code capacity} suite) */
    public static final String CAPACITY = "capacity";
    /** the measured-capacity sizing checked on a fleet ({@code verify} suite) */
    public static final String VERIFY = "verify";

    private Attachments() {
    }

    /** The run with {@code analysis.stability} set to the summary of its JUnit XML reports. */
    public static RunResult withStability(RunResult run, StabilitySummary.Summary summary) {
        return with(run, STABILITY, Json.json().valueToTree(summary));
    }

    /** The run with {@code analysis.<name>} set; any earlier value is replaced. */
    public static RunResult with(RunResult run, String name, JsonNode value) {
        ObjectNode analysis = run.analysis() instanceof ObjectNode o ? o.deepCopy() : Json.json().createObjectNode();
        analysis.set(name, value);
        return run.withAnalysis(analysis);
    }

    /**
     * Recomputes the derived analysis from the units (older files may predate a field) and keeps every
     * element the analyzer does not produce.
     */
    public static RunResult reanalyze(RunResult run) {
        ObjectNode fresh = (ObjectNode) RunAnalyzer.analyze(run);
        if (run.analysis() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = run.analysis().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!fresh.has(e.getKey())) {
                    fresh.set(e.getKey(), e.getValue());
                }
            }
        }
        return run.withAnalysis(fresh);
    }
}
