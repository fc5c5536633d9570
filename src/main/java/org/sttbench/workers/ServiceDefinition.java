package org.sttbench.workers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sttbench.Json;
import org.sttbench.exec.UnitMounts;
import org.sttbench.plan.Plan;

/**
 * The transcription service under test, as the executors start it: what to run (an image, or a command
 * on this machine), with which arguments and environment, on which port, when it counts as ready, and
 * how to talk to it. {@link #sttbenchServe()} is {@code sttbench serve} in the worker image: the default when
 * a plan has no {@code service:} block, so every suite goes through this one description.
 *
 * @param name           how reports name it
 * @param image          image for the docker and kubernetes executors; null: the executor's worker image
 * @param command        executable for the local executor; null: this installation's {@code sttbench}
 * @param args           arguments with placeholders
 * @param env            environment with placeholders
 * @param port           where it listens inside its container
 * @param modelDir       where the model is mounted (read-only) in a container
 * @param healthPath     GET this path until it answers {@code healthStatus}; null: until a transcription succeeds
 * @param startupTimeout how long an instance may take to be ready
 * @param api            how to talk to it
 * @param decode         decode settings as the plan states them, for results and reports
 * @param embedded       true for {@code sttbench serve}
 */
public record ServiceDefinition(String name, String image, String command, List<String> args, Map<String, String> env,
                                int port, String modelDir, String healthPath, int healthStatus, Duration startupTimeout,
                                Plan.Api api, Map<String, Object> decode, boolean embedded) {
    public static final String CPUS = "cpus";
    public static final String THREADS = "threads";
    public static final String PORT = "port";
    public static final String MODEL = "model";
    public static final Set<String> PLACEHOLDERS = Set.of(CPUS, THREADS, PORT, MODEL);
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_STARTUP = Duration.ofMinutes(3);
    private static final int EMBEDDED_PORT = 8000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public ServiceDefinition {
        args = List.copyOf(args == null ? List.of() : args);
        env = env == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(env));
        decode = decode == null ? Map.of() : Map.copyOf(decode);
        api = api == null ? new Plan.Api("openai", null, null, null, null) : api;
    }

    /** The values one instance's placeholders take. */
    public record Instance(double cpus, int threads, int port, String model) {
    }

    /** Arguments and environment of one instance, placeholders filled. */
    public record Resolved(List<String> args, Map<String, String> env) {
    }

    /** {@code sttbench serve} with one engine worker and the instance's thread count: today's replicas. */
    public static ServiceDefinition sttbenchServe() {
        return new ServiceDefinition("sttbench serve", null, null,
                List.of("serve", "--model", "{model}", "--host", "0.0.0.0", "--port", "{port}", "--workers", "1",
                        "--threads", "{threads}"),
                Map.of(), EMBEDDED_PORT, UnitMounts.MODEL_DIR, "/health", 200, DEFAULT_STARTUP,
                new Plan.Api("openai", null, null, null, null), Map.of("sampling", "greedy"), true);
    }

    /** The plan's service, or the embedded one when it has none. */
    public static ServiceDefinition of(Plan plan) {
        return plan.service() == null ? sttbenchServe() : of(plan.service());
    }

    public static ServiceDefinition of(Plan.Service s) {
        String name = s.name() != null ? s.name() : s.image() != null ? s.image()
                : Path.of(s.command()).getFileName().toString();
        Plan.Health health = s.health();
        return new ServiceDefinition(name, s.image(), s.command(), s.args(), s.env(),
                s.port() == null ? DEFAULT_PORT : s.port(), s.modelDir() == null ? UnitMounts.MODEL_DIR : s.modelDir(),
                health == null ? null : health.path(), health == null || health.status() == null ? 200 : health.status(),
                s.startupTimeoutS() == null ? DEFAULT_STARTUP : Duration.ofSeconds(s.startupTimeoutS()), s.api(),
                s.decode(), false);
    }

    /**
     * What keeps this service from running on {@code executor}, one line each: a placeholder nobody fills,
     * an image or command the executor needs but the plan lacks, a custom dialect without a path.
     */
    public List<String> problems(String executor) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        args.forEach(a -> unknown.addAll(unknownPlaceholders(a)));
        env.values().forEach(v -> unknown.addAll(unknownPlaceholders(v)));
        if (!unknown.isEmpty()) {
            problems.add("service: unknown placeholder(s) " + unknown.stream().map(p -> "{" + p + "}").toList()
                    + " in args or env; known: {cpus} {threads} {port} {model}");
        }
        if (!embedded) {
            if (("docker".equals(executor) || "kubernetes".equals(executor)) && image == null) {
                problems.add("service: the " + executor + " executor starts an image; add service.image");
            }
            if ("local".equals(executor) && command == null) {
                problems.add("service: the local executor starts a command; add service.command");
            }
        }
        if ("custom".equals(api.dialect()) && api.path() == null) {
            problems.add("service.api: the custom dialect needs a path (e.g. path: /transcribe)");
        }
        return problems;
    }

    private static Set<String> unknownPlaceholders(String text) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    public Resolved resolve(Instance instance) {
        Map<String, String> values = Map.of(CPUS, fmt(instance.cpus()), THREADS, String.valueOf(instance.threads()),
                PORT, String.valueOf(instance.port()), MODEL, instance.model());
        List<String> a = args.stream().map(arg -> fill(arg, values)).toList();
        Map<String, String> e = new LinkedHashMap<>();
        env.forEach((k, v) -> e.put(k, fill(v, values)));
        return new Resolved(a, e);
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Where the thread count goes, for results, reports and the threads suite ("argument -t", "env OMP_NUM_THREADS"). */
    public Optional<String> threadsSetting() {
        String token = "{" + THREADS + "}";
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).contains(token)) {
                return Optional.of(args.get(i).equals(token) && i > 0 ? "argument " + args.get(i - 1)
                        : "argument " + args.get(i));
            }
        }
        return env.entrySet().stream().filter(e -> e.getValue().contains(token)).map(e -> "env " + e.getKey())
                .sorted().findFirst();
    }

    /** The thread count's environment variable, if that is where it goes (for generated manifests). */
    public Optional<String> threadsEnv() {
        return env.entrySet().stream().filter(e -> e.getValue().equals("{" + THREADS + "}")).map(Map.Entry::getKey)
                .sorted().findFirst();
    }

    /**
     * What results record about the service on {@code executor}: no header values, no environment values
     * (they may be secrets).
     */
    public ObjectNode describe(String executor) {
        ObjectNode node = Json.json().createObjectNode();
        node.put("name", name);
        node.put("embedded", embedded);
        node.put("started_as", startedAs(executor));
        if (image != null) {
            node.put("image", image);
        }
        if (command != null) {
            node.put("command", command);
        }
        args.forEach(node.putArray("args")::add);
        env.keySet().stream().sorted().forEach(node.putArray("env_names")::add);
        node.put("port", port);
        node.put("api", api.dialect());
        node.put("path", ServiceClients.dialect(api, null).path());
        node.put("ready_when", healthPath == null ? "a transcription succeeds" : "GET " + healthPath + " answers " + healthStatus);
        node.put("threads_setting", threadsSetting().orElse("not set: the service picks its own thread count"));
        ObjectNode d = node.putObject("decode");
        decode.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> d.set(e.getKey(), Json.json().valueToTree(e.getValue())));
        return node;
    }

    /** "image X", "command Y" or "sttbench serve": what the executor starts. */
    public String startedAs(String executor) {
        if ("local".equals(executor)) {
            return command != null ? "command " + command : "sttbench serve (child JVM)";
        }
        return image != null ? "image " + image : "sttbench serve (worker image)";
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
