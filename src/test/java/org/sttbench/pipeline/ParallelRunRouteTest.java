package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.spi.ThreadPoolProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.RunWidth;
import org.sttbench.exec.UnitExecutor;
import org.sttbench.models.SyntheticModelWriter;
import org.sttbench.plan.Parallel;

/**
 * The run route's parallel split inside the real pipeline, with an executor that stands in for a
 * cluster of three nodes: units wait for each other instead of sleeping, so what is asserted is who ran
 * beside whom, not how long anything took.
 */
class ParallelRunRouteTest {
    private static final int NODES = 3;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private ThreadPoolProfile unitsProfile;

    /**
     * Each unit, once started, waits until as many units run as a wave can hold (three, or what is left),
     * and records the most that ever ran at once. Serial execution never fills a wave: the unit gives up
     * waiting after a bound and the test sees at most one at a time.
     */
    static final class ThreeNodeExecutor extends SleepingExecutor {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger atOnce = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private volatile int width = 1;

        ThreeNodeExecutor() {
            super(1);
        }

        @Override
        public RunWidth width(Parallel requested, int units) {
            RunWidth w = requested == null || !requested.requested() ? RunWidth.SERIAL
                    : new RunWidth(Math.min(NODES, units), null);
            width = w.units();
            return w;
        }

        @Override
        public UnitResult execute(WorkUnit unit) {
            threads.add(Thread.currentThread().getName());
            int wave = Math.min(width, unit.total() - (started.getAndIncrement() / width) * width);
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                synchronized (this) {
                    notifyAll();
                    while (atOnce.get() < wave && mostAtOnce.get() < wave && System.nanoTime() < deadline) {
                        wait(100);
                    }
                }
                return super.execute(unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return UnitResult.failed(unit, name(), "interrupted");
            } finally {
                atOnce.decrementAndGet();
            }
        }
    }

    @Test
    void sixUnitsRunThreeAtATimeAndResultsKeepThePlansOrderAndShape() throws Exception {
        Path home = home();
        ThreeNodeExecutor parallel = new ThreeNodeExecutor();
        JsonNode wide = run(home, "wide", "parallel: auto", parallel);
        ThreeNodeExecutor serial = new ThreeNodeExecutor();
        JsonNode narrow = run(home, "narrow", "parallel: false", serial);

        assertThat(parallel.mostAtOnce.get()).as("units at once with parallel: auto on three nodes").isEqualTo(NODES);
        assertThat(unitsProfile).as("the split's thread pool profile, from application.properties").isNotNull();
        assertThat(unitsProfile.getPoolSize()).isEqualTo(16);
        assertThat(parallel.threads).as("the split ran units on pool threads").hasSize(6)
                .allSatisfy(t -> assertThat(t).contains("Split"));
        assertThat(serial.mostAtOnce.get()).as("units at once in a serial run").isEqualTo(1);
        assertThat(unitIds(wide)).hasSize(6).isEqualTo(unitIds(narrow));
        assertThat(indices(wide)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(fieldPaths(wide)).isEqualTo(fieldPaths(narrow));
    }

    @Test
    void aParallelPlanOnAnExecutorThatRunsOneAtATimeSaysSoInTheNotes() throws Exception {
        Path home = home();
        SleepingExecutor local = new SleepingExecutor(1);
        Path plan = plan(home, "docker-wide", "parallel: 4");
        JsonNode results = runWith(home, plan, "local", local);

        assertThat(local.maxRunning.get()).isEqualTo(1);
        assertThat(results.path("notes").toString()).contains("parallel: 4 not applied: the local executor runs units "
                + "one at a time on one host");
        assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("parallel: 4 not applied");
    }

    @Test
    void aRunWhoseExecutorIsNotReadyHasNoUnitsToSplitAndItsResultsSayWhy() throws Exception {
        Path home = home();
        SleepingExecutor unready = new SleepingExecutor(1) {
            @Override
            public void checkReady() {
                throw new ExecutorUnavailableException("no engine here");
            }
        };
        JsonNode results = runWith(home, plan(home, "unready", "parallel: auto"), "local", unready);

        assertThat(unready.executed.get()).isZero();
        assertThat(results.path("units").size()).isZero();
        assertThat(results.path("notes").toString()).contains("run could not start: no engine here");
        assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("did not start").doesNotContain("run failed:");
    }

    private Path home() throws Exception {
        Path home = TestHome.create(dir.resolve("home"));
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, SyntheticModelWriter.Options.defaults())
                .write(dir.resolve("ggml-micro.bin"));
        return home;
    }

    private Path plan(Path home, String name, String parallel) throws Exception {
        return Files.writeString(home.resolve("plans").resolve(name + ".plan.yaml"), """
                name: %s
                model: %s
                audio: [%s]
                executor: local
                %s
                suites:
                  cpu_scaling: { cpus: [0.25, 0.5, 0.75, 1, 1.5, 2], iterations: 1, warmup: 0 }
                """.formatted(name, dir.resolve("ggml-micro.bin"), TestHome.CLIP, parallel));
    }

    private JsonNode run(Path home, String name, String parallel, UnitExecutor executor) throws Exception {
        return runWith(home, plan(home, name, parallel), "local", executor);
    }

    private JsonNode runWith(Path home, Path plan, String executorName, UnitExecutor executor) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("sttbench.inbox", dir.resolve("inbox").toString());
        Path outbox = dir.resolve("outbox-" + plan.getFileName());
        overrides.put("sttbench.outbox", outbox.toString());
        try (PipelineApp app = PipelineApp.start(home, overrides, false,
                new PrintStream(consoleBytes, true, StandardCharsets.UTF_8))) {
            app.context().getRegistry().lookupByNameAndType("executors", ExecutorRegistry.class)
                    .register(executorName, () -> executor);
            app.runPlan(plan);
            unitsProfile = app.context().getExecutorServiceManager().getThreadPoolProfile("sttbenchUnits");
        }
        try (Stream<Path> files = Files.walk(outbox)) {
            Path results = files.filter(p -> p.getFileName().toString().equals("results.json"))
                    .filter(p -> !p.toString().contains("latest")).findFirst()
                    .orElseThrow(() -> new AssertionError("no results.json; console:\n" + consoleBytes));
            return Json.json().readTree(results.toFile());
        }
    }

    private static List<String> unitIds(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.path("units").forEach(u -> ids.add(u.path("unit").path("unit_id").asText()));
        return ids;
    }

    private static List<Integer> indices(JsonNode results) {
        List<Integer> ids = new ArrayList<>();
        results.path("units").forEach(u -> ids.add(u.path("unit").path("index").asInt()));
        return ids;
    }

    /** Every field path in the document (array positions folded), i.e. its shape without its values. */
    private static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        // what differs between two runs by design: the plan's own name and parallel setting stay, values go
        return paths;
    }

    private static void collect(JsonNode node, String at, Set<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                paths.add(at + "/" + e.getKey());
                collect(e.getValue(), at + "/" + e.getKey(), paths);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, at + "[]", paths));
        }
    }
}
