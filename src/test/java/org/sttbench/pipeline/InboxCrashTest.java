package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.HaltPoint;
import org.sttbench.cli.ExitCode;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.InboxDrop;
import org.sttbench.testing.ResultsSchema;
import org.sttbench.testing.TestModels;

/**
 * {@code run} killed with SIGKILL at a named moment (a {@link HaltPoint} stops it there and writes a
 * marker; the test kills it when the marker appears), then {@code run --once} on the same folders: every
 * input ends in .done/ or .error/, every run is complete (results and reports) or recorded as
 * interrupted, no results twice, and no worker outlives the killed process.
 */
class InboxCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedDuringAcceptanceTheInputIsReadAgain() throws Exception {
        Outcome o = killAtThenRestart("accepting", "rerun");
        assertCompletedOnce(o);
    }

    @Test
    void killedInTheBatchWindowTheAcceptedInputsAreReadAgain() throws Exception {
        Outcome o = killAtThenRestart("batch-window", "rerun");
        assertThat(o.restart()).contains("was accepted but sttbench stopped before its run was queued");
        assertCompletedOnce(o);
    }

    @Test
    void killedDuringAUnitTheWorkerStopsAndTheRunIsRunAgainInItsFolder() throws Exception {
        Outcome o = killAtThenRestart("unit", "rerun");
        assertThat(o.restart()).contains("was interrupted (sttbench stopped during it); running it again in ");
        assertCompletedOnce(o);
    }

    @Test
    void killedAfterTheResultsTheReportsAreRenderedAndTheResultsKept() throws Exception {
        Outcome o = killAtThenRestart("results-written", "rerun");
        assertThat(o.restart()).contains("had its results but not its reports");
        assertCompletedOnce(o);
    }

    @Test
    void inReportModeAnInterruptedRunIsRecordedAndTheInputsGoToTheErrorFolder() throws Exception {
        Outcome o = killAtThenRestart("unit", "report");
        assertThat(o.code()).as(o.restart()).isEqualTo(ExitCode.FAILED);
        List<Path> results = runResults();
        assertThat(results).as("the interrupted run's own folder").hasSize(1);
        RunResult run = Outbox.read(results.get(0));
        assertThat(run.units()).isEmpty();
        assertThat(run.notes()).anySatisfy(n -> assertThat(n).startsWith("interrupted"));
        assertThat(run.analysis().path("interrupted").path("reason").asText()).startsWith("interrupted");
        assertThat(ResultsSchema.problems(results.get(0))).as("valid results.json").isEmpty();
        for (String name : List.of("crash.plan.yaml", "one.wav", "two.wav")) {
            Path reason = only(inbox().resolve(".error"), name + ".error");
            assertThat(Files.readString(reason)).contains("interrupted");
        }
        assertNothingPending();
    }

    private void assertCompletedOnce(Outcome o) throws IOException {
        assertThat(o.code()).as(o.restart()).isEqualTo(ExitCode.OK);
        List<Path> results = runResults();
        assertThat(results).as("one run, its results written once").hasSize(1);
        RunResult run = Outbox.read(results.get(0));
        assertThat(run.planName()).isEqualTo("crash");
        assertThat(run.units()).isNotEmpty().allSatisfy(u -> assertThat(u.ok()).as(u.error()).isTrue());
        assertThat(results.get(0).resolveSibling("performance-report.html")).exists();
        try (Stream<Path> history = Files.list(outbox().resolve(Outbox.HISTORY_DIR))) {
            assertThat(history).as("one history entry").hasSize(1);
        }
        for (String name : List.of("crash.plan.yaml", "one.wav", "two.wav")) {
            only(inbox().resolve(".done"), name);
        }
        assertNothingPending();
    }

    private void assertNothingPending() throws IOException {
        try (Stream<Path> left = Files.list(inbox())) {
            assertThat(left.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")))
                    .as("no input left in the inbox").isEmpty();
        }
        try (Stream<Path> processing = Files.walk(inbox().resolve(RunJournal.PROCESSING))) {
            assertThat(processing.filter(Files::isRegularFile)).as("nothing left in .processing").isEmpty();
        }
    }

    private Outcome killAtThenRestart(String point, String mode) throws Exception {
        Files.createDirectories(inbox());
        Path marker = dir.resolve("halted");
        Files.writeString(inbox().resolve("crash.plan.yaml"), """
                name: crash
                model: %s
                suites:
                  latency: { iterations: 1, warmup: 0 }
                """.formatted(TestModels.micro()));
        InboxDrop.copy(Path.of("test_audio/en_5s.wav"), inbox(), "one.wav");
        InboxDrop.copy(Path.of("test_audio/vi_5s.wav"), inbox(), "two.wav");

        Process first = sttbench(List.of("-D" + HaltPoint.AT + "=" + point, "-D" + HaltPoint.MARKER + "=" + marker,
                "-Dsttbench.inbox.interrupted=" + mode), dir.resolve("first.log"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(marker) && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(marker).as("reached " + point + ": " + Files.readString(dir.resolve("first.log"))).exists();
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor(30, TimeUnit.SECONDS);
        }
        long halted = Long.parseLong(Files.readString(marker).trim());
        // the worker halted in its unit must stop on its own now that its parent is gone
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(halted).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(halted).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d (the halted one) is gone", halted).isFalse();

        Process second = sttbench(List.of("-Dsttbench.inbox.interrupted=" + mode), dir.resolve("second.log"));
        assertThat(second.waitFor(300, TimeUnit.SECONDS)).as("run --once ends").isTrue();
        return new Outcome(second.exitValue(), Files.readString(dir.resolve("second.log"), StandardCharsets.UTF_8));
    }

    private record Outcome(int code, String restart) {
    }

    private Process sttbench(List<String> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.addAll(List.of("-Dsttbench.home=" + TestHome.PROJECT, "-Dsttbench.inbox.poll.ms=200",
                "-Dsttbench.inbox.ready.ms=200", "-Dsttbench.inbox.batch.ms=800", "-cp", System.getProperty("java.class.path"),
                "org.sttbench.cli.Main", "run", "--once", "--inbox", inbox().toString(), "--outbox", outbox().toString(),
                "--max-time", "4m"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Path inbox() {
        return dir.resolve("inbox");
    }

    private Path outbox() {
        return dir.resolve("outbox");
    }

    /** results.json of every run folder (not latest/, not the history). */
    private List<Path> runResults() throws IOException {
        try (Stream<Path> walk = Files.walk(outbox(), 2)) {
            return walk.filter(p -> p.getFileName().toString().equals(Outbox.RESULTS_FILE))
                    .filter(p -> !p.getParent().getFileName().toString().equals(Delivery.LATEST))
                    .filter(p -> !p.getParent().getFileName().toString().startsWith(".")).toList();
        }
    }

    private static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith("-" + suffix)).toList();
            assertThat(found).as(suffix + " in " + folder).hasSize(1);
            return found.get(0);
        }
    }
}
