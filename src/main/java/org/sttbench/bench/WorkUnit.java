package org.sttbench.bench;

import java.util.List;
import org.sttbench.models.ModelInfo;

/**
 * One piece of measurement a worker runs on its own, serialized as JSON and handed to
 * {@code sttbench worker} by whichever executor starts it.
 *
 * @param runId      the run it belongs to
 * @param unitId     unique within the run, e.g. "cpu_scaling-tiny-2cpu"
 * @param index      1-based position, for progress
 * @param total      units in the run
 * @param suite      what to measure
 * @param model      the model, resolved and hashed by the orchestrator before any work starts
 * @param audio      clip paths as the worker will see them
 * @param language   whisper language, "auto" to detect
 * @param cpuLimit   CPUs the executor gives the worker; null means no limit
 * @param threads    whisper.cpp threads; null means the worker's effective CPU limit
 * @param iterations measured repetitions per clip
 * @param warmup     unmeasured repetitions before them
 * @param timeoutS   executor's hard limit for the whole unit
 */
public record WorkUnit(
        String runId,
        String unitId,
        int index,
        int total,
        Suite suite,
        ModelInfo model,
        List<String> audio,
        String language,
        Double cpuLimit,
        Integer threads,
        int iterations,
        int warmup,
        int timeoutS) {

    public WorkUnit withAudio(List<String> paths) {
        return new WorkUnit(runId, unitId, index, total, suite, model, paths, language, cpuLimit, threads,
                iterations, warmup, timeoutS);
    }

    public WorkUnit withModel(ModelInfo m) {
        return new WorkUnit(runId, unitId, index, total, suite, m, audio, language, cpuLimit, threads,
                iterations, warmup, timeoutS);
    }
}
