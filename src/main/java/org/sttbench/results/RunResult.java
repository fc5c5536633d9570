package org.sttbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.sttbench.bench.UnitResult;
import org.sttbench.host.HostEnvironment;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.Plan;

/**
 * One run's results document ({@code results.json}), the only input reports are made from.
 * See {@code schema/results.schema.json}; {@link #SCHEMA_VERSION} changes when a field changes meaning.
 *
 * @param schemaVersion  version of this document's layout
 * @param runId          unique in the outbox
 * @param planName       the plan that made it
 * @param plan           the plan as run
 * @param timestamp      when the run started
 * @param finishedAt     when it ended
 * @param architecture   of the machine that ran the workers (the orchestrator's when none reported)
 * @param cpuModel       likewise
 * @param environment    the orchestrator's host
 * @param executor       local, docker or kubernetes
 * @param models         every model measured
 * @param synthetic      true when any model has synthetic weights
 * @param notice         the synthetic-weights warning, when it applies
 * @param units          every unit's result, failed ones included
 * @param notes          what the run skipped or adjusted, and why
 * @param analysis       derived figures (speedup, efficiency, fits), recomputable from the units
 */
public record RunResult(
        int schemaVersion,
        String runId,
        String planName,
        Plan plan,
        Instant timestamp,
        Instant finishedAt,
        String architecture,
        String cpuModel,
        HostEnvironment environment,
        String executor,
        List<ModelInfo> models,
        boolean synthetic,
        String notice,
        List<UnitResult> units,
        List<String> notes,
        JsonNode analysis) {

    public static final int SCHEMA_VERSION = 1;

    public long failedUnits() {
        return units.stream().filter(u -> !u.ok()).count();
    }

    public RunResult withAnalysis(JsonNode derived) {
        return new RunResult(schemaVersion, runId, planName, plan, timestamp, finishedAt, architecture, cpuModel,
                environment, executor, models, synthetic, notice, units, notes, derived);
    }
}
