package org.sttbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttbench.analysis.NormalizationRatio;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.results.RunResult;

/**
 * Normalization ratio between two runs (usually two machines): per (model, CPU limit), the mean latency of the
 * CPU scaling suite, else of the latency suite, goes into {@link NormalizationRatio}.
 */
public final class MachineComparison {
    private MachineComparison() {
    }

    /** Where a side came from. */
    public record Side(String file, String runId, String cpuModel, String architecture, String executor) {
        static Side of(String file, RunResult run) {
            return new Side(file, run.runId(), run.cpuModel(), run.architecture(), run.executor());
        }
    }

    /**
     * @param ratio > 1: the other machine is slower
     */
    public record Result(Side baseline, Side other, NormalizationRatio.Comparison comparison, List<String> notes) {
    }

    public static Result compare(String baselineFile, RunResult baseline, String otherFile, RunResult other) {
        List<String> notes = new ArrayList<>();
        Map<NormalizationRatio.Key, Pick> base = picks(baseline);
        Map<NormalizationRatio.Key, Pick> oth = picks(other);
        base.forEach((key, pick) -> {
            Pick o = oth.get(key);
            if (o != null && !pick.clip.equals(o.clip)) {
                notes.add(key + ": the clips differ (" + pick.clip + " vs " + o.clip + "): the ratio mixes machine and clip");
            }
        });
        NormalizationRatio.Comparison comparison = NormalizationRatio.compare(
                base.values().stream().map(Pick::result).toList(), oth.values().stream().map(Pick::result).toList());
        if (comparison.geometricMean() == null) {
            notes.add("no (model, CPU limit) was measured on both sides: run the same cpu_scaling or latency suite on both");
        }
        return new Result(Side.of(baselineFile, baseline), Side.of(otherFile, other), comparison, List.copyOf(notes));
    }

    private record Pick(NormalizationRatio.MachineResult result, String clip) {
    }

    /** One latency per (model, CPU limit): the CPU scaling suite's first, else the latency suite's first. */
    static Map<NormalizationRatio.Key, Pick> picks(RunResult run) {
        Map<NormalizationRatio.Key, Pick> out = new LinkedHashMap<>();
        for (Suite suite : List.of(Suite.CPU_SCALING, Suite.LATENCY)) {
            for (UnitResult unit : run.units()) {
                if (!unit.ok() || unit.unit().suite() != suite || unit.measurements().isEmpty()) {
                    continue;
                }
                Measurement m = unit.measurements().get(0);
                Double limit = unit.unit().cpuLimit() != null ? unit.unit().cpuLimit()
                        : unit.environment() != null ? unit.environment().cpuLimit() : null;
                if (limit == null || m.avgLatencyMs() <= 0) {
                    continue;
                }
                String model = unit.unit().model().name();
                NormalizationRatio.Key key = new NormalizationRatio.Key(model, limit);
                out.putIfAbsent(key, new Pick(new NormalizationRatio.MachineResult(model, limit, m.avgLatencyMs(),
                        m.latency() == null ? null : m.latency().ci95LowMs(),
                        m.latency() == null ? null : m.latency().ci95HighMs()), m.audio() == null ? "?" : m.audio().name()));
            }
        }
        return out;
    }
}
