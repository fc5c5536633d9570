package org.sttbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sttbench.bench.Placement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;

/**
 * What a run's notes say about where its units ran in a cluster: units that had to run again on another
 * node, and curves (CPU scaling, threads) whose points were measured on different instance types, whose
 * speedups then compare different CPUs as much as different CPU counts.
 */
public final class PlacementNotes {
    private PlacementNotes() {
    }

    public static List<String> of(List<UnitResult> results) {
        List<String> notes = new ArrayList<>();
        List<UnitResult> retried = results.stream()
                .filter(r -> r.placement() != null && r.placement().attempts() > 1).toList();
        if (!retried.isEmpty()) {
            notes.add(retried.size() + " unit(s) ran again on another node after their pod was disrupted: "
                    + retried.stream().map(r -> r.unit().unitId() + " (" + r.placement().retryReason() + ")")
                    .collect(Collectors.joining("; ")));
        }
        notes.addAll(mixedCurves(results));
        return notes;
    }

    /** One note per curve (suite and model) whose measured units ran on more than one instance type. */
    static List<String> mixedCurves(List<UnitResult> results) {
        Map<String, Map<String, List<String>>> curves = new TreeMap<>();
        for (UnitResult r : results) {
            Placement p = r.placement();
            if (!r.ok() || p == null || (r.unit().suite() != Suite.CPU_SCALING && r.unit().suite() != Suite.THREADS)) {
                continue;
            }
            String curve = r.unit().suite().id() + " curve of " + r.unit().model().name();
            String type = p.instanceType() == null ? "unknown type" : p.instanceType();
            curves.computeIfAbsent(curve, c -> new TreeMap<>()).computeIfAbsent(type, t -> new ArrayList<>())
                    .add(r.unit().unitId());
        }
        List<String> notes = new ArrayList<>();
        curves.forEach((curve, types) -> {
            if (types.size() > 1) {
                notes.add(curve + " mixes instance types (" + types.entrySet().stream()
                        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("; ")) + "): its speedups compare different CPUs; pin the units "
                        + "to one type with sttbench.kubernetes.node-selector, or scale the points with the "
                        + "normalization ratio of sttbench compare");
            }
        });
        return notes;
    }
}
