package org.sttbench.plan;

import java.nio.file.Path;
import java.util.List;
import org.sttbench.bench.WorkUnit;

/**
 * A plan made concrete: its run id, the work units to execute, and notes for the report (such as CPU
 * counts skipped because the host cannot give them).
 */
public record RunSpec(String runId, Plan plan, Path source, List<WorkUnit> units, List<String> notes) {
}
