package org.sttbench.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sttbench.BadInputException;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.AudioSelector;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanExpander;
import org.sttbench.plan.PlanLoader;
import org.sttbench.plan.RunSpec;

/** Resolves a plan against this installation: the default audio plan, model names, audio folders. */
public final class PlanPreparer {
    static final String DEFAULT_AUDIO_PLAN = "default-audio.plan.yaml";

    private final Settings settings;
    private final Function<String, ModelInfo> models;
    private final ExecutorRegistry executors;

    public PlanPreparer(Settings settings, Function<String, ModelInfo> models, ExecutorRegistry executors) {
        this.settings = settings;
        this.models = models;
        this.executors = executors;
    }

    /** Everything that can be checked before the audio of a batch is known; throws with every problem. */
    public void check(Plan plan, Path source) {
        String executor = executorName(plan);
        double maxCpus = executors.get(executor).maxCpus();
        List<Path> placeholder = plan.audio() == null ? List.of(source) : List.of();
        ServiceRuns.check(plan, executor, source);
        expander(source).expand("check", plan, source, placeholder, maxCpus);
    }

    public RunSpec expand(String runId, RunRequest request, double maxCpus) {
        ServiceRuns.check(request.plan(), executorName(request.plan()), request.source());
        return expander(request.source()).expand(runId, request.plan(), request.source(), request.droppedAudio(), maxCpus);
    }

    /** The clip a load test uploads: the suite's own glob, else the first of the plan's (or dropped) audio. */
    public Path loadAudio(RunRequest request, String glob) {
        List<String> problems = new ArrayList<>();
        List<Path> clips;
        if (glob != null) {
            clips = selector(request.source()).select(List.of(glob), problems);
        } else if (request.plan().audio() != null) {
            clips = selector(request.source()).select(request.plan().audio(), problems);
        } else {
            clips = request.droppedAudio();
        }
        if (clips.isEmpty()) {
            throw new BadInputException("load suite: no audio to send" + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        return clips.get(0);
    }

    /** Every clip a traffic-mix entry's glob matches; none is a bad input naming the glob. */
    public List<Path> mixClips(RunRequest request, String glob) {
        List<String> problems = new ArrayList<>();
        List<Path> clips = selector(request.source()).select(List.of(glob), problems);
        if (clips.isEmpty()) {
            throw new BadInputException("traffic.clips: no audio matches '" + glob + "'"
                    + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        return clips;
    }

    /** The first model of a plan, for suites that serve it rather than run it in units. */
    public ModelInfo resolveModel(Plan plan) {
        List<String> names = plan.model() == null || plan.model().isEmpty() ? List.of(Plan.DEFAULT_MODEL) : plan.model();
        return models.apply(names.get(0));
    }

    public String executorName(Plan plan) {
        return plan.executor() == null ? Plan.DEFAULT_EXECUTOR : plan.executor();
    }

    /** The plan for audio dropped without one: plans/default-audio.plan.yaml, or the built-in copy. */
    public Plan defaultAudioPlan() {
        Path editable = settings.plans().resolve(DEFAULT_AUDIO_PLAN);
        try {
            String text;
            if (Files.isRegularFile(editable)) {
                text = Files.readString(editable);
            } else {
                try (InputStream in = PlanPreparer.class.getResourceAsStream("/plans/" + DEFAULT_AUDIO_PLAN)) {
                    text = new String(in.readAllBytes());
                }
            }
            Plan plan = new PlanLoader().parse(text, DEFAULT_AUDIO_PLAN);
            if (plan.model() == null) {
                plan = new Plan(plan.name(), plan.description(), List.of(settings.defaultModel()), plan.audio(),
                        plan.language(), plan.executor(), plan.timeoutS(), plan.parallel(), plan.suites(), plan.sla());
            }
            return plan;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default audio plan: " + e.getMessage(), e);
        }
    }

    /** A run made only of dropped JUnit XML reports: nothing to measure, a stability answer to give. */
    public static Plan stabilityPlan() {
        return new Plan("stability", "JUnit XML reports dropped without a plan", List.of(), null, null, null, null, null,
                new Plan.Suites(null, null, null, null, null, null), null);
    }

    private PlanExpander expander(Path planSource) {
        return new PlanExpander(name -> {
            try {
                return models.apply(name);
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadInputException("model " + name + ": " + e.getMessage(), e);
            }
        }, selector(planSource));
    }

    private AudioSelector selector(Path planSource) {
        List<Path> bases = new ArrayList<>();
        bases.add(settings.home());
        if (planSource != null && planSource.getParent() != null) {
            bases.add(planSource.getParent());
        }
        bases.add(settings.inbox());
        List<Path> roots = new ArrayList<>(List.of(settings.home(), settings.inbox()));
        roots.addAll(settings.audioRoots());
        return new AudioSelector(bases, roots);
    }
}
