package org.sttbench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.plan.RunSpec;

/**
 * A run in progress, carried through the route as an exchange property.
 *
 * @param request  what was asked
 * @param runId    its folder in the outbox, allocated before anything else
 * @param spec     the expanded plan; null when the run could not start
 * @param executor where units run; null when the run could not start
 * @param started  when it started
 * @param failure  why it could not start, else null
 * @param attached analysis elements measured outside the units (load, workers, stability), by name
 * @param slots    how many units run at once (one when the run could not start)
 * @param serviceFailures why service suites (load, workers, capacity, verify) failed, in the order they ran;
 *                        each one is kept, none replaces another's
 */
public record RunContext(RunRequest request, String runId, RunSpec spec, UnitExecutor executor, Instant started, String failure,
                         Map<String, JsonNode> attached, UnitSlots slots, List<String> serviceFailures) {

    /** A run as it starts: no service suite has failed yet. */
    public RunContext(RunRequest request, String runId, RunSpec spec, UnitExecutor executor, Instant started,
                      String failure, Map<String, JsonNode> attached, UnitSlots slots) {
        this(request, runId, spec, executor, started, failure, attached, slots, new CopyOnWriteArrayList<>());
    }

    /** The units to split over; none when the run could not start. */
    public List<WorkUnit> units() {
        return spec == null ? List.of() : spec.units();
    }
}
