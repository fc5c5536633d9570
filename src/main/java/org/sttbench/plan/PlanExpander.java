package org.sttbench.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sttbench.BadInputException;
import org.sttbench.bench.Suite;
import org.sttbench.bench.WorkUnit;
import org.sttbench.models.ModelInfo;

/**
 * Splits a validated plan into work units: one per model and condition (CPU limit, thread count). Models
 * and audio are resolved here, before any work starts, so a typo fails fast with every problem listed.
 */
public final class PlanExpander {
    static final int DEFAULT_ITERATIONS = 5;
    static final int DEFAULT_WARMUP = 1;

    private final Function<String, ModelInfo> models;
    private final AudioSelector audio;

    public PlanExpander(Function<String, ModelInfo> models, AudioSelector audio) {
        this.models = models;
        this.audio = audio;
    }

    /**
     * @param droppedAudio audio files that arrived with the plan; used when the plan names none
     * @param maxCpus      the most CPUs the executor can give; larger counts are skipped with a note
     */
    public RunSpec expand(String runId, Plan plan, Path source, List<Path> droppedAudio, double maxCpus) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<ModelInfo> resolved = new ArrayList<>();
        for (String name : Optional.ofNullable(plan.model()).orElse(List.of(Plan.DEFAULT_MODEL))) {
            try {
                resolved.add(models.apply(name));
            } catch (BadInputException e) {
                problems.add(e.getMessage());
            }
        }
        List<Path> clips = plan.audio() == null ? droppedAudio : audio.select(plan.audio(), problems);
        Plan.Suites s0 = plan.suites();
        boolean measuresInWorkers = s0.latency() != null || s0.audio() != null || s0.cpuScaling() != null
                || s0.threads() != null;
        if (measuresInWorkers && plan.audio() == null && droppedAudio.isEmpty()) {
            problems.add("no audio: the plan names none (audio: [...]) and none was dropped with it");
        }
        Plan.Suites suites = plan.suites();
        List<Draft> drafts = new ArrayList<>();
        for (ModelInfo model : resolved) {
            if (suites.latency() != null) {
                var s = suites.latency();
                drafts.add(new Draft(Suite.LATENCY, model, pick(s.audio(), clips, problems), null, threads(s.threads()),
                        or(s.iterations(), DEFAULT_ITERATIONS), or(s.warmup(), DEFAULT_WARMUP), ""));
            }
            if (suites.audio() != null) {
                var s = suites.audio();
                drafts.add(new Draft(Suite.AUDIO, model, clips, null, threads(s.threads()), or(s.iterations(), 1),
                        or(s.warmup(), DEFAULT_WARMUP), ""));
            }
            if (suites.cpuScaling() != null) {
                var s = suites.cpuScaling();
                List<Path> files = pick(s.audio(), clips, problems);
                for (double cpus : Optional.ofNullable(s.cpus()).orElse(List.of(1.0, 2.0, 4.0, 8.0))) {
                    if (cpus > maxCpus + 1e-9) {
                        notes.add(String.format("cpu_scaling at %s CPUs skipped: the executor can give at most %s",
                                fmt(cpus), fmt(maxCpus)));
                        continue;
                    }
                    drafts.add(new Draft(Suite.CPU_SCALING, model, files, cpus, (int) Math.max(1, Math.ceil(cpus)),
                            or(s.iterations(), DEFAULT_ITERATIONS), or(s.warmup(), DEFAULT_WARMUP), "-" + fmt(cpus) + "cpu"));
                }
            }
            if (suites.threads() != null) {
                var s = suites.threads();
                double cpus = Optional.ofNullable(s.cpus()).orElse(1.0);
                if (cpus > maxCpus + 1e-9) {
                    problems.add(String.format("threads suite asks for %s CPUs; the executor can give at most %s",
                            fmt(cpus), fmt(maxCpus)));
                } else {
                    List<Path> files = pick(s.audio(), clips, problems);
                    for (int t : Optional.ofNullable(s.threads()).orElse(List.of(1, 2, 4))) {
                        drafts.add(new Draft(Suite.THREADS, model, files, cpus, t, or(s.iterations(), DEFAULT_ITERATIONS),
                                or(s.warmup(), DEFAULT_WARMUP), "-" + fmt(cpus) + "cpu-" + t + "t"));
                    }
                }
            }
        }
        problems.addAll(CapacityChecks.problems(plan));
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source == null ? plan.name() : source.getFileName().toString(), problems);
        }
        int timeout = or(plan.timeoutS(), Plan.DEFAULT_TIMEOUT_S);
        String language = Optional.ofNullable(plan.language()).orElse("en");
        List<WorkUnit> units = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            units.add(new WorkUnit(runId, d.suite.id() + "-" + d.model.name() + d.suffix, i + 1, drafts.size(), d.suite,
                    d.model, d.audio.stream().map(Path::toString).toList(), language, d.cpus, d.threads, d.iterations,
                    d.warmup, timeout));
        }
        return new RunSpec(runId, plan, source, units, notes);
    }

    private record Draft(Suite suite, ModelInfo model, List<Path> audio, Double cpus, Integer threads, int iterations,
                         int warmup, String suffix) {
    }

    private List<Path> pick(String glob, List<Path> clips, List<String> problems) {
        return glob == null ? clips : audio.select(List.of(glob), problems);
    }

    private static Integer threads(String value) {
        return value == null || value.equals("auto") ? null : Integer.valueOf(value);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
