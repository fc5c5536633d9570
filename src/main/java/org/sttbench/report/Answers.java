package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sttbench.analysis.CpuScalingAnalysis;
import org.sttbench.analysis.Numbers;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;

/**
 * The three questions every run answers (is it stable, which CPUs does it want, how to scale it), each
 * as a short verdict, the numbers behind it and the next thing to do. Computed once here so the console,
 * the Markdown and the HTML report say the same words.
 *
 * @param stable stability: failed units, load success rate, tests, history, SLA
 * @param cpus   the CPU scaling answer and the pod size it recommends
 * @param scale  the scaling decision and the sizing for the plan's target
 * @param issues every reason the run is not stable (empty when it is)
 */
public record Answers(Answer stable, Answer cpus, Answer scale, List<String> issues) {
    /** Success rate a load level must keep to count as stable. */
    public static final double MIN_SUCCESS = 0.95;

    /**
     * @param question the question, as the report asks it
     * @param measured false when the run has no data for it
     * @param good     the answer is a clean one (stable; efficient scaling; SLA met)
     * @param verdict  a few words: "yes", "few strong cores", "scale out"
     * @param detail   the numbers behind the verdict
     * @param next     one sentence: what to do next
     */
    public record Answer(String question, boolean measured, boolean good, String verdict, String detail, String next) {
        /** One console line: question, verdict and detail. */
        public String line() {
            return String.format(Locale.ROOT, "%-25s %s%s", question, verdict, detail.isEmpty() ? "" : ": " + detail);
        }
    }

    public static Answers of(ReportInput in) {
        List<String> issues = issues(in.run());
        return new Answers(stability(in, issues), cpus(in), scale(in), issues);
    }

    /** The three answers as console lines. */
    public List<String> lines() {
        return List.of(stable.line(), cpus.line(), scale.line());
    }

    static List<String> issues(RunResult run) {
        List<String> issues = new ArrayList<>();
        long failed = run.units().stream().filter(u -> !u.ok()).count();
        if (run.units().isEmpty()) {
            issues.add("no unit ran");
        } else if (failed > 0) {
            issues.add(failed + " of " + run.units().size() + " units failed");
        }
        JsonNode analysis = run.analysis();
        if (analysis == null) {
            return issues;
        }
        for (JsonNode level : analysis.path("load").path("levels")) {
            if (level.path("success_rate").asDouble() < MIN_SUCCESS) {
                issues.add("success rate below 95% from concurrency " + level.path("concurrency").asInt() + " ("
                        + pct(level.path("success_rate").asDouble()) + ")");
                break;
            }
        }
        for (JsonNode stage : analysis.path("load").path("open").path("stages")) {
            double success = 1 - RunAnalyzer.unansweredShare(stage);
            if (success < MIN_SUCCESS) {
                issues.add("under 95% of arrivals answered from " + Charts.num(stage.path("rate").asDouble())
                        + " req/s offered (" + pct(success) + ")");
                break;
            }
        }
        JsonNode tests = analysis.path("stability");
        if (tests.has("tests")) {
            int bad = tests.path("failed").asInt() + tests.path("errors").asInt();
            if (bad > 0) {
                issues.add(bad + " of " + tests.path("tests").asInt() + " tests failed");
            }
            int flaky = tests.path("flaky").asInt();
            if (flaky > 0) {
                issues.add(flaky + " flaky test" + (flaky == 1 ? "" : "s"));
            }
        }
        if (analysis.path("regression").path("regressed").asBoolean(false)) {
            issues.add("latency regressed against the history");
        }
        JsonNode sla = analysis.path("sla");
        if (sla.path("checks").isArray() && !sla.path("checks").isEmpty() && !sla.path("passed").asBoolean(true)) {
            List<String> missed = new ArrayList<>();
            for (JsonNode check : sla.path("checks")) {
                if (!check.path("passed").asBoolean(true)) {
                    missed.add(check.path("name").asText() + " " + Charts.num(check.path("measured").asDouble()) + " > "
                            + Charts.num(check.path("threshold").asDouble()));
                }
            }
            issues.add("SLA missed: " + String.join(", ", missed));
        }
        return issues;
    }

    private static Answer stability(ReportInput in, List<String> issues) {
        String q = "Is it stable?";
        RunResult run = in.run();
        JsonNode levels = run.analysis() == null ? null : run.analysis().path("load").path("levels");
        JsonNode stages = run.analysis() == null ? null : run.analysis().path("load").path("open").path("stages");
        boolean closedLoad = levels != null && levels.isArray() && !levels.isEmpty();
        boolean openLoad = stages != null && stages.isArray() && !stages.isEmpty();
        boolean loaded = closedLoad || openLoad;
        List<String> parts = new ArrayList<>();
        if (openLoad) {
            JsonNode top = RunAnalyzer.judgedStage(stages, null);
            long scheduled = 0;
            long ok = 0;
            for (JsonNode stage : stages) {
                scheduled += stage.path("scheduled").asLong();
                ok += stage.path("successes").asLong();
            }
            parts.add(pct(scheduled == 0 ? 0 : (double) ok / scheduled) + " of " + scheduled
                    + " scheduled requests succeeded at up to " + Charts.num(top.path("rate").asDouble())
                    + " req/s offered (p95 " + seconds(top.path("latency").path("p95_ms").asDouble()) + ")");
        }
        if (closedLoad) {
            JsonNode last = levels.get(levels.size() - 1);
            long requests = 0;
            long ok = 0;
            for (JsonNode l : levels) {
                requests += l.path("requests").asLong();
                ok += l.path("ok").asLong();
            }
            parts.add(pct(requests == 0 ? 0 : (double) ok / requests) + " of " + requests + " requests succeeded under load up to "
                    + last.path("concurrency").asInt() + " concurrent (p95 " + seconds(last.path("p95_ms").asDouble()) + ")");
        }
        if (!issues.isEmpty()) {
            // the load figures stay beside the reasons: they say how far the service did hold up
            List<String> reasons = new ArrayList<>(issues);
            reasons.addAll(parts);
            return new Answer(q, true, false, "no", String.join("; ", reasons),
                    "Fix the first of these (" + issues.get(0) + "): the other answers assume a service that holds up.");
        }
        parts.add(run.units().size() == 1 ? "its one unit ran" : "all " + run.units().size() + " units ran");
        JsonNode tests = run.analysis() == null ? null : run.analysis().path("stability");
        if (tests != null && tests.has("tests")) {
            parts.add(tests.path("passed").asInt() + " of " + tests.path("tests").asInt() + " tests passed");
        }
        String next = loaded
                ? "Keep this plan running on a schedule: the history flags a regression before users see it."
                : "Add a load suite: without load, stability rests on single requests only.";
        return new Answer(q, loaded, true, loaded ? "yes" : "yes, without load", String.join(", ", parts), next);
    }

    private static Answer cpus(ReportInput in) {
        String q = "Which CPUs does it want?";
        String model = in.strategy() != null ? in.strategy().model()
                : in.data().cpuScaling().keySet().stream().findFirst().orElse(null);
        CpuScalingAnalysis.Result r = model == null ? null : in.data().cpuScaling().get(model);
        if (r == null) {
            return new Answer(q, false, false, "not measured", "",
                    "Add a cpu_scaling suite to the plan (cpus: [1, 2, 4, 8]).");
        }
        CpuScalingAnalysis.ScalingPoint last = r.points().get(r.points().size() - 1);
        String verdict = switch (r.answer()) {
            case MANY_CORES -> "many cores";
            case FEW_STRONG_CORES -> "few strong cores";
            case MODERATE -> "a few cores per pod";
            case INSUFFICIENT_DATA -> "not enough data";
        };
        String detail = cpus(r.recommendedCpusPerPod()) + " CPU" + (r.recommendedCpusPerPod() == 1 ? "" : "s")
                + " per pod; " + (last.speedup() >= 1 ? f2(last.speedup()) + "x faster" : f2(1 / last.speedup()) + "x slower")
                + " at " + cpus(last.cpus()) + " CPUs (efficiency " + pct(last.efficiency()) + ")";
        String next;
        if (r.answer() == CpuScalingAnalysis.CoreAdvice.INSUFFICIENT_DATA) {
            next = "Measure at least two CPU counts.";
        } else if (last.cpus() < 4) {
            next = "Give pods " + cpus(r.recommendedCpusPerPod()) + " CPU" + (r.recommendedCpusPerPod() == 1 ? "" : "s")
                    + "; measure 1/2/4/8 CPUs (executor: docker or kubernetes on a bigger machine) before buying large nodes.";
        } else if (r.answer() == CpuScalingAnalysis.CoreAdvice.FEW_STRONG_CORES) {
            next = "Pick nodes by single-core speed and keep pods at " + cpus(r.recommendedCpusPerPod()) + " CPUs.";
        } else {
            next = "Size pods at " + cpus(r.recommendedCpusPerPod()) + " CPUs; more cores per pod still pay off.";
        }
        // an answer either way: few strong cores is as useful to know as many cores
        return new Answer(q, true, r.answer() != CpuScalingAnalysis.CoreAdvice.INSUFFICIENT_DATA, verdict, detail, next);
    }

    private static Answer scale(ReportInput in) {
        String q = "How to scale it?";
        ScalingStrategy s = in.strategy();
        if (s == null) {
            return new Answer(q, false, false, "not measured", "",
                    "Add a latency or cpu_scaling suite to the plan: sizing needs a single-request latency.");
        }
        if (s.decision() == null || s.sizing() == null) {
            return new Answer(q, true, false, "no target",
                    "pods of " + cpus(s.pod().cpus()) + " CPUs serve " + f2(s.pod().rpsPerPod()) + " RPS each",
                    "Add sla.target_rps and sla.p95_latency_ms to the plan for pods, HPA bounds and cost.");
        }
        String verdict = switch (s.decision().recommendation()) {
            case SCALE_UP -> "scale up";
            case SCALE_OUT -> "scale out";
            case BOTH -> "scale up and out";
            case OPTIMIZE -> "optimize first";
            case INVESTIGATE -> "investigate";
            case RAISE_MEMORY -> "raise memory";
            case NONE -> "no change";
        };
        StringBuilder detail = new StringBuilder().append(s.sizing().pods()).append(" pod")
                .append(s.sizing().pods() == 1 ? "" : "s").append(" x ").append(cpus(s.pod().cpus())).append(" CPU")
                .append(s.pod().cpus() == 1 ? "" : "s").append(" for ").append(cpus(s.sizing().targetRps()))
                .append(" RPS, predicted p95 ").append(seconds(s.sizing().predictedP95Ms()));
        if (!s.sizing().slaMet()) {
            detail.append(" (over the SLA of ").append(seconds(s.sizing().slaP95Ms())).append(")");
        }
        // the cost of this very plan: the traffic level at the target with the same pods and pod size
        s.traffic().stream().filter(t -> Math.abs(t.rps() - s.sizing().targetRps()) < 1e-9 && t.monthlyCost() != null
                        && t.pods() == s.sizing().pods() && t.cpusPerPod() == s.pod().cpus())
                .findFirst().ifPresent(t -> detail.append(", ").append(String.format(Locale.ROOT, "%.0f", t.monthlyCost()))
                        .append(" ").append(s.prices().currency()).append(" a month"));
        String next = s.replicas() != null
                ? "Deploy k8s/deployment.yaml with k8s/hpa.yaml (" + s.replicas().min() + "-" + s.replicas().max()
                        + " replicas), then load-test the deployment at " + cpus(s.sizing().targetRps()) + " RPS."
                : "Deploy k8s/deployment.yaml with " + s.sizing().pods() + " replicas.";
        return new Answer(q, true, s.sizing().slaMet(), verdict, detail.toString(), next);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String cpus(double v) {
        return Numbers.plain(v, 2);
    }

    /** Milliseconds as seconds with a leading zero ("0.84 s"), or ms below 100 ms. */
    static String seconds(double ms) {
        return ms < 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
}
