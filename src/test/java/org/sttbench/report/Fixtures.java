package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sttbench.Json;
import org.sttbench.analysis.LatencySummary;
import org.sttbench.bench.AudioRef;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.host.HostEnvironment;
import org.sttbench.host.ResourceUsage;
import org.sttbench.models.ModelInfo;
import org.sttbench.plan.Parallel;
import org.sttbench.plan.Plan;
import org.sttbench.results.Attachments;
import org.sttbench.results.HistoryAnalyzer;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunAnalyzer;
import org.sttbench.results.RunResult;
import org.sttbench.results.StabilitySummary;

/**
 * The results documents the report tests render. They are stored as JSON under
 * src/test/resources/fixtures/ so golden files stay fixed; this class is how they were made (realistic
 * figures for the synthetic tiny model on a 16-core x86 node and a 4-core ARM node) and how to remake them:
 * {@code mvn -o -q test -Dtest=FixturesWriterTest -Dsttbench.fixtures.update=true}.
 */
public final class Fixtures {
    public static final List<String> NAMES = List.of("nightly-docker", "audio-local", "arm-small",
            "capacity-arm");
    static final String XEON = "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz";
    static final String NEOVERSE = "Neoverse-N1";

    private Fixtures() {
    }

    /** Reads a stored fixture from the test classpath. */
    public static RunResult load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("fixture missing: " + name);
            }
            return Json.json().readValue(in, RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name + ".json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- building ----------------------------------------------------------------------------------

    static RunResult build(String name, Path scratch) throws IOException {
        return switch (name) {
            case "nightly-docker" -> nightly(scratch);
            case "audio-local" -> audioLocal();
            case "arm-small" -> armSmall();
            case "capacity-arm" -> CapacityFixture.capacityArm();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static final ModelInfo TINY = new ModelInfo("tiny", Path.of("/var/lib/sttbench/models/ggml-tiny.bin"),
            77_691_713L, "be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21", true);
    private static final ModelInfo BASE = new ModelInfo("base", Path.of("/var/lib/sttbench/models/ggml-base.bin"),
            147_951_465L, "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe", false);

    private static final AudioRef EN5 = new AudioRef("en_5s.wav", "wav", 5.21);
    private static final AudioRef EN30 = new AudioRef("en_30s.wav", "wav", 29.87);
    private static final AudioRef EN30MP3 = new AudioRef("en_30s.mp3", "mp3", 29.9);
    private static final AudioRef VI30 = new AudioRef("vi_30s.wav", "wav", 30.02);

    static RunResult nightly(Path scratch) throws IOException {
        Instant start = Instant.parse("2026-11-20T02:00:00Z");
        RunResult current = nightlyRun("20261120-020000-nightly", start, 1.0);
        // three earlier nights on the same node, when the latency suite was ~9% faster
        Path history = scratch.resolve("history");
        Files.createDirectories(history);
        for (int night = 3; night >= 1; night--) {
            Instant at = start.minus(Duration.ofDays(night));
            RunResult earlier = nightlyRun(String.format("202611%02d-020000-nightly", 20 - night), at, 0.91);
            Files.write(history.resolve("amd64_tiny_" + night + ".json"), Json.json().writeValueAsBytes(earlier));
        }
        RunResult analysed = current.withAnalysis(RunAnalyzer.analyze(current));
        analysed = Attachments.with(analysed, Attachments.LOAD, load());
        analysed = Attachments.with(analysed, Attachments.WORKERS, workers());
        analysed = Attachments.withStability(analysed, stability());
        return new HistoryAnalyzer(history).attach(analysed);
    }

    /** @param latencyFactor scales the latency suite only (history runs were faster there) */
    private static RunResult nightlyRun(String runId, Instant start, double latencyFactor) {
        Plan plan = new Plan("nightly", "nightly capacity run on the benchmark node", List.of("tiny"),
                List.of("test_audio/*.wav", "test_audio/en_30s.mp3"), "en", "docker", 1800, Parallel.SERIAL,
                new Plan.Suites(new Plan.Latency(10, 1, "auto", "test_audio/en_5s.wav"), new Plan.Audio(1, 1, null),
                        new Plan.CpuScaling(List.of(1.0, 2.0, 4.0, 8.0), 5, 1, "test_audio/en_5s.wav"),
                        new Plan.Threads(2.0, List.of(1, 2, 4, 8), 5, 1, "test_audio/en_5s.wav"),
                        new Plan.Load("http://stt.bench.internal:8000", List.of(1, 2, 4, 8, 16), 40, 2, "test_audio/en_5s.wav", 30000),
                        new Plan.Workers(List.of(1, 2, 3), 20, 4, 2.0, "test_audio/en_5s.wav")),
                new Plan.Sla(2000.0, 10.0, 0.5, 0.01));
        Random random = new Random(runId.hashCode());
        List<UnitResult> units = new ArrayList<>();
        int total = 14;
        units.add(unit(runId, "latency-tiny-2cpu", 1, total, Suite.LATENCY, TINY, 2.0, 2, 10, 1,
                List.of(measure(Suite.LATENCY, EN5, 2.0, 2, samples(random, 10, 905 * latencyFactor, 28), 4.1, 281.0, 0.0)),
                1.93, 0.02, 287.5, dockerEnv(2.0)));
        double[][] audio = {{EN5.durationS(), 910}, {EN30.durationS(), 2450}, {EN30MP3.durationS(), 2470}, {VI30.durationS(), 2610}};
        AudioRef[] clips = {EN5, EN30, EN30MP3, VI30};
        Double[] wer = {0.0, 0.021, 0.021, 0.048};
        List<Measurement> audioMeasurements = new ArrayList<>();
        for (int i = 0; i < clips.length; i++) {
            audioMeasurements.add(measure(Suite.AUDIO, clips[i], 2.0, 2, new double[] {audio[i][1]},
                    clips[i].format().equals("mp3") ? 38.5 : 6.2 + i, 276.0 + i * 4, wer[i]));
        }
        units.add(unit(runId, "audio-tiny", 2, total, Suite.AUDIO, TINY, 2.0, 2, 1, 1, audioMeasurements, 1.95, 0.03,
                296.1, dockerEnv(2.0)));
        units.add(UnitResult.failed(workUnit(runId, "audio-tiny-vi_long", 3, total, Suite.AUDIO, TINY, 2.0, 2, 1, 1),
                "docker", "audio vi_long.ogg: decoder stopped after 612 s of 1800 s (truncated Ogg page); re-encode the file"));
        double[] cpus = {1, 2, 4, 8};
        double[] lat = {1652, 903, 521, 396};
        double[] cpuPerWall = {0.98, 1.94, 3.71, 6.12};
        for (int i = 0; i < cpus.length; i++) {
            int threads = (int) cpus[i];
            units.add(unit(runId, "cpu_scaling-tiny-" + (int) cpus[i] + "cpu", 4 + i, total, Suite.CPU_SCALING, TINY,
                    cpus[i], threads, 5, 1,
                    List.of(measure(Suite.CPU_SCALING, EN5, cpus[i], threads, samples(random, 5, lat[i], lat[i] * 0.025),
                            4.0, 279.0 + i * 6, 0.0)),
                    cpuPerWall[i], i == 3 ? 0.08 : 0.01, 281.0 + i * 6, dockerEnv(cpus[i])));
        }
        int[] threads = {1, 2, 4, 8};
        double[] tlat = {1618, 905, 1482, 2954};
        Double[] throttled = {0.01, 0.03, 0.62, 0.81};
        for (int i = 0; i < threads.length; i++) {
            units.add(unit(runId, "threads-tiny-2cpu-" + threads[i] + "t", 8 + i, total, Suite.THREADS, TINY, 2.0,
                    threads[i], 5, 1,
                    List.of(measure(Suite.THREADS, EN5, 2.0, threads[i], samples(random, 5, tlat[i], tlat[i] * 0.03), 4.0,
                            280.0, 0.0)),
                    i == 0 ? 0.99 : 1.96, throttled[i], 283.0, dockerEnv(2.0)));
        }
        return new RunResult(RunResult.SCHEMA_VERSION, runId, "nightly", plan, start, start.plus(Duration.ofMinutes(47)),
                "amd64", XEON, orchestrator(), "docker", List.of(TINY), true, ModelInfo.SYNTHETIC_NOTICE, units,
                List.of("cpu_scaling: 16 CPUs skipped, the docker host offers 16 but the plan stops at 8"), null);
    }

    static RunResult audioLocal() {
        String runId = "20261118-093012-audio";
        Instant start = Instant.parse("2026-11-18T09:30:12Z");
        Plan plan = new Plan("audio", "audio dropped without a plan", List.of("base"), List.of(), "en", "local", 1800,
                Parallel.SERIAL, new Plan.Suites(null, new Plan.Audio(1, 1, null), null, null, null, null), null);
        HostEnvironment laptop = new HostEnvironment("amd64", "AMD Ryzen 7 PRO 5850U with Radeon Graphics", 16, 16,
                "host", "no cgroup quota, no affinity mask", null, "none", "Linux 6.1.0-27-amd64",
                "OpenJDK 64-Bit Server VM 17.0.13", "laptop");
        List<Measurement> ms = List.of(
                measure(Suite.AUDIO, EN5, null, 4, new double[] {1480}, 5.8, 391.0, 0.0),
                measure(Suite.AUDIO, new AudioRef("meeting.m4a", "m4a", 184.6), null, 4, new double[] {23950}, 61.2, 402.0, null));
        UnitResult unit = unit(runId, "audio-base", 1, 1, Suite.AUDIO, BASE, null, 4, 1, 1, ms, 3.91, null, 402.3, laptop);
        RunResult run = new RunResult(RunResult.SCHEMA_VERSION, runId, "audio", plan, start,
                start.plus(Duration.ofSeconds(41)), "amd64", laptop.cpuModel(), laptop, "local", List.of(BASE), false, null,
                List.of(unit), List.of(), null);
        return run.withAnalysis(RunAnalyzer.analyze(run));
    }

    static RunResult armSmall() {
        String runId = "20261121-140500-arm-small";
        Instant start = Instant.parse("2026-11-21T14:05:00Z");
        Plan plan = new Plan("arm-small", "tiny on the 4-core ARM pool", List.of("tiny"), List.of("test_audio/en_5s.wav"),
                "en", "kubernetes", 1800, Parallel.SERIAL,
                new Plan.Suites(new Plan.Latency(8, 1, "auto", null), null,
                        new Plan.CpuScaling(List.of(1.0, 2.0), 5, 1, null), null, null, null),
                new Plan.Sla(1000.0, 4.0, 0.5, null));
        Random random = new Random(7);
        List<UnitResult> units = new ArrayList<>();
        units.add(unit(runId, "latency-tiny-1cpu", 1, 3, Suite.LATENCY, TINY, 1.0, 1, 8, 1,
                List.of(measure(Suite.LATENCY, EN5, 1.0, 1, samples(random, 8, 2210, 60), 7.9, 268.0, 0.0)),
                0.99, 0.02, 271.4, k8sEnv(1.0)));
        units.add(unit(runId, "cpu_scaling-tiny-1cpu", 2, 3, Suite.CPU_SCALING, TINY, 1.0, 1, 5, 1,
                List.of(measure(Suite.CPU_SCALING, EN5, 1.0, 1, samples(random, 5, 2195, 55), 7.9, 268.0, 0.0)),
                0.99, 0.02, 270.9, k8sEnv(1.0)));
        units.add(unit(runId, "cpu_scaling-tiny-2cpu", 3, 3, Suite.CPU_SCALING, TINY, 2.0, 2, 5, 1,
                List.of(measure(Suite.CPU_SCALING, EN5, 2.0, 2, samples(random, 5, 1290, 40), 7.9, 274.0, 0.0)),
                1.97, 0.04, 276.2, k8sEnv(2.0)));
        HostEnvironment orchestrator = new HostEnvironment("aarch64", NEOVERSE, 4, 0.5, "cgroup-v2-quota",
                "cpu.max 50000 100000", 536_870_912L, "kubernetes", "Linux 6.1.0-26-arm64", "OpenJDK 64-Bit Server VM 17.0.13",
                "sttbench-cron-28871234-x7k2p");
        RunResult run = new RunResult(RunResult.SCHEMA_VERSION, runId, "arm-small", plan, start,
                start.plus(Duration.ofMinutes(6)), "aarch64", NEOVERSE, orchestrator, "kubernetes", List.of(TINY), true,
                ModelInfo.SYNTHETIC_NOTICE, units, List.of(), null);
        return run.withAnalysis(RunAnalyzer.analyze(run));
    }

    /** A run with one latency unit (1 CPU, the given samples) and the given SLA, for hand-checked sizing. */
    static RunResult latencyOnly(double[] samples, Plan.Sla sla) {
        String runId = "20261122-080000-sizing";
        Instant start = Instant.parse("2026-11-22T08:00:00Z");
        Plan plan = new Plan("sizing", null, List.of("tiny"), List.of(), "en", "docker", 1800, Parallel.SERIAL,
                new Plan.Suites(new Plan.Latency(samples.length, 1, "auto", null), null, null, null, null, null), sla);
        UnitResult unit = unit(runId, "latency-tiny-1cpu", 1, 1, Suite.LATENCY, TINY, 1.0, 1, samples.length, 1,
                List.of(measure(Suite.LATENCY, EN5, 1.0, 1, samples, 4.0, 280.0, 0.0)), 0.99, 0.0, 280.0, dockerEnv(1.0));
        RunResult run = new RunResult(RunResult.SCHEMA_VERSION, runId, "sizing", plan, start, start.plusSeconds(10),
                "amd64", XEON, orchestrator(), "docker", List.of(TINY), true, ModelInfo.SYNTHETIC_NOTICE, List.of(unit),
                List.of(), null);
        return run.withAnalysis(RunAnalyzer.analyze(run));
    }

    // ---- pieces ------------------------------------------------------------------------------------

    private static HostEnvironment orchestrator() {
        return new HostEnvironment("amd64", XEON, 16, 16, "host", "no cgroup quota, no affinity mask", null, "none",
                "Linux 6.1.0-27-amd64", "OpenJDK 64-Bit Server VM 17.0.13", "bench-node-1");
    }

    private static HostEnvironment dockerEnv(double cpus) {
        return new HostEnvironment("amd64", XEON, 16, cpus, "cgroup-v1-quota",
                "cpu.cfs_quota_us " + (long) (cpus * 100000) + " / cpu.cfs_period_us 100000", 2_147_483_648L, "docker",
                "Linux 6.1.0-27-amd64", "OpenJDK 64-Bit Server VM 17.0.13", "5f2c9e0d41ab");
    }

    private static HostEnvironment k8sEnv(double cpus) {
        return new HostEnvironment("aarch64", NEOVERSE, 4, cpus, "cgroup-v2-quota",
                "cpu.max " + (long) (cpus * 100000) + " 100000", 1_073_741_824L, "kubernetes", "Linux 6.1.0-26-arm64",
                "OpenJDK 64-Bit Server VM 17.0.13", "sttbench-unit-" + (int) cpus + "cpu-8xq2d");
    }

    private static WorkUnit workUnit(String runId, String id, int index, int total, Suite suite, ModelInfo model,
                                     Double cpus, Integer threads, int iterations, int warmup) {
        return new WorkUnit(runId, id, index, total, suite, model, List.of("/data/audio/en_5s.wav"), "en", cpus,
                threads, iterations, warmup, 1800);
    }

    private static UnitResult unit(String runId, String id, int index, int total, Suite suite, ModelInfo model, Double cpus,
                                   int threads, int iterations, int warmup, List<Measurement> ms, double cpuPerWall,
                                   Double throttledRatio, double peakRss, HostEnvironment env) {
        double wall = ms.stream().mapToDouble(m -> m.latency().totalMs()).sum() / 1000;
        ResourceUsage.Delta usage = new ResourceUsage.Delta(round(cpuPerWall * wall), round(wall), cpuPerWall,
                throttledRatio, throttledRatio == null ? null : round(throttledRatio * wall * 0.1));
        String derivation = cpus == null ? "no CPU limit: " + threads + " threads (whisper.cpp default min(4, cores))"
                : suite == Suite.THREADS ? "fixed by the plan" : "CPU limit " + StrategyAnalyzer.fmt(cpus) + " -> " + threads;
        return new UnitResult(workUnit(runId, id, index, total, suite, model, cpus, suite == Suite.THREADS ? threads : null,
                iterations, warmup), UnitResult.OK, null, env.container().equals("none") ? "local" : env.container(), env,
                "AVX = 1 | AVX2 = 1 | AVX512 = 0 | FMA = 1 | NEON = 0 | F16C = 1 | SSE3 = 1 | SSSE3 = 1",
                model, threads, derivation, 180.0 + threads, ms, usage, peakRss);
    }

    private static Measurement measure(Suite suite, AudioRef audio, Double cpus, int threads, double[] samples,
                                       double decodeMs, Double peakRss, Double wer) {
        LatencySummary stats = LatencySummary.of(samples);
        return new Measurement(suite, audio, samples.length, 1, cpus, threads, stats.avgMs(), stats, samples,
                round(stats.sequentialRps()), round(stats.avgMs() / 1000 / audio.durationS()), decodeMs, peakRss, wer,
                "the quick brown fox jumps over the lazy dog");
    }

    private static double[] samples(Random random, int n, double mean, double sd) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.round((mean + random.nextGaussian() * sd) * 10) / 10.0;
        }
        return s;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static JsonNode load() {
        ObjectNode load = Json.json().createObjectNode();
        load.put("target", "http://stt.bench.internal:8000/v1/audio/transcriptions");
        load.put("audio", "en_5s.wav");
        load.put("requests_per_level", 40);
        ArrayNode levels = load.putArray("levels");
        // concurrency, rps, min, avg, p50, p95, p99, max, success, errors
        Object[][] rows = {
                {1, 1.08, 871.0, 925.4, 918.0, 988.0, 1012.0, 1020.0, 40, new String[0][]},
                {2, 2.07, 880.0, 963.1, 951.0, 1069.0, 1104.0, 1131.0, 40, new String[0][]},
                {4, 3.62, 902.0, 1101.7, 1080.0, 1398.0, 1502.0, 1544.0, 40, new String[0][]},
                {8, 3.93, 1190.0, 2032.8, 1994.0, 2712.0, 2921.0, 3010.0, 40, new String[0][]},
                {16, 3.71, 1404.0, 4180.5, 4102.0, 6010.0, 7488.0, 30000.0, 35, new String[][] {{"timeout", "3"}, {"http_503", "2"}}},
        };
        for (Object[] r : rows) {
            ObjectNode level = levels.addObject();
            level.put("concurrency", (int) r[0]);
            level.put("requests", 40);
            level.put("ok", (int) r[8]);
            level.put("rps", (double) r[1]);
            level.put("min_ms", (double) r[2]);
            level.put("avg_ms", (double) r[3]);
            level.put("p50_ms", (double) r[4]);
            level.put("p95_ms", (double) r[5]);
            level.put("p99_ms", (double) r[6]);
            level.put("max_ms", (double) r[7]);
            level.put("success_rate", (int) r[8] / 40.0);
            ObjectNode errors = level.putObject("errors");
            for (String[] e : (String[][]) r[9]) {
                errors.put(e[0], Integer.parseInt(e[1]));
            }
        }
        load.put("optimal_concurrency", 8);
        load.put("max_rps", 3.93);
        return load;
    }

    static JsonNode workers() {
        ObjectNode workers = Json.json().createObjectNode();
        workers.put("concurrency", 4);
        workers.put("requests_per_worker", 20);
        workers.put("cpus_per_worker", 2.0);
        ArrayNode points = workers.putArray("points");
        double[][] rows = {{1, 1.91, 1046.0, 1390.0, 1.0}, {2, 3.72, 1071.0, 1452.0, 1.0}, {3, 5.31, 1122.0, 1580.0, 1.0}};
        for (double[] r : rows) {
            ObjectNode p = points.addObject();
            p.put("workers", (int) r[0]);
            p.put("rps", r[1]);
            p.put("avg_ms", r[2]);
            p.put("p95_ms", r[3]);
            p.put("success_rate", r[4]);
            p.put("expected_rps", Math.round(rows[0][1] * r[0] * 100) / 100.0);
            p.put("efficiency", Math.round(r[1] / (rows[0][1] * r[0]) * 1000) / 1000.0);
        }
        return workers;
    }

    static StabilitySummary.Summary stability() {
        return new StabilitySummary.Summary(24, 91, 89, 1, 0, 1, 1, 89 / 90.0, 74.2, 5.0,
                List.of(new StabilitySummary.Failure("org.sttbench.load.LoadRunnerTest.timeoutCountsAsError", "FAILURE",
                        "expected: 3 but was: 2", "TEST-org.sttbench.load.LoadRunnerTest.xml")),
                List.of(new StabilitySummary.SlowTest("org.sttbench.pipeline.DemoIT.demoRunsEndToEnd", 41.3),
                        new StabilitySummary.SlowTest("org.sttbench.exec.DockerExecutorIT.cpuLimitHolds", 9.8)),
                List.of("org.sttbench.exec.DockerExecutorIT.cpuLimitHolds"));
    }

    /** Writes every fixture into {@code dir} as the Outbox would (same mapper). */
    static void writeAll(Path dir, Path scratch) throws IOException {
        Files.createDirectories(dir);
        for (String name : NAMES) {
            RunResult run = build(name, scratch);
            Files.write(dir.resolve(name + ".json"), Json.json().writeValueAsBytes(run));
        }
    }

    /** Keeps Outbox referenced: fixtures are read back exactly like results files. */
    static RunResult readBack(Path file) throws IOException {
        return Outbox.read(file);
    }
}
