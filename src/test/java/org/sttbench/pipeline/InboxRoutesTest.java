package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;
import org.sttbench.testing.InboxDrop;
import org.sttbench.testing.TestModels;
import org.sttbench.testing.Wav;

/**
 * The inbox routes as a user meets them: files dropped into a folder, results and reason files
 * appearing. Runs the real routes/*.camel.yaml with the local executor and a synthetic micro model.
 */
class InboxRoutesTest extends CamelMainTestSupport {
    private static Path work;
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    @BeforeAll
    static void folders() throws IOException {
        work = Files.createTempDirectory("sttbench-inbox-test");
        Files.createDirectories(work.resolve("inbox"));
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind(PipelineBeans.CONSOLE, new PrintStream(CONSOLE, true, StandardCharsets.UTF_8));
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        PipelineApp.configure(configuration, Path.of("").toAbsolutePath());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("sttbench.home", Path.of("").toAbsolutePath().toString());
        p.setProperty("sttbench.inbox", inbox().toString());
        p.setProperty("sttbench.outbox", work.resolve("outbox").toString());
        p.setProperty("sttbench.default.model", TestModels.micro().toString());
        p.setProperty("sttbench.inbox.poll.ms", "200");
        p.setProperty("sttbench.inbox.ready.ms", "300");
        p.setProperty("sttbench.inbox.batch.ms", "1000");
        return p;
    }

    private static Path inbox() {
        return work.resolve("inbox");
    }

    @Test
    void badInputsGoToTheErrorFolderWithAReasonEach() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("inbox").whenDone(6).create();
        Files.writeString(inbox().resolve("broken.plan.yaml"), "name: x\nsuites: {latency: [unclosed\n");
        Files.writeString(inbox().resolve("invalid.plan.yaml"), "name: bad name\nexecutor: mainframe\nsuites: {}\n");
        Files.writeString(inbox().resolve("ghost.plan.yaml"),
                "name: ghost\nmodel: no-such-model\naudio: test_audio/en_5s.wav\nsuites: {audio: {}}\n");
        byte[] noise = new byte[48_000];
        new Random(7).nextBytes(noise);
        Files.write(inbox().resolve("noise.wav"), noise);
        Files.writeString(inbox().resolve("notes.docx"), "not audio");
        // a well-formed WAV that holds only hiss
        Files.write(inbox().resolve("hiss.wav"), Wav.of(whiteNoise(3 * 16000)));

        assertThat(done.matches(60, TimeUnit.SECONDS)).as("six files processed").isTrue();
        Path errors = inbox().resolve(".error");
        for (String name : List.of("broken.plan.yaml", "invalid.plan.yaml", "ghost.plan.yaml", "noise.wav", "notes.docx",
                "hiss.wav")) {
            Path moved = eventually(() -> find(errors, name, false));
            Path reason = eventually(() -> find(errors, name + ".error", true));
            assertThat(moved).as(name + " kept in .error").exists();
            assertThat(Files.readString(reason)).as("reason for " + name).startsWith(name + " was rejected:");
        }
        String invalid = Files.readString(find(errors, "invalid.plan.yaml.error", true));
        assertThat(invalid).contains("name").contains("executor").contains("suites");
        assertThat(Files.readString(find(errors, "ghost.plan.yaml.error", true))).contains("no-such-model");
        assertThat(Files.readString(find(errors, "broken.plan.yaml.error", true))).contains("malformed YAML");
        assertThat(Files.readString(find(errors, "noise.wav.error", true))).contains("noise.wav");
        assertThat(Files.readString(find(errors, "notes.docx.error", true))).contains("unsupported file type");
        assertThat(Files.readString(find(errors, "hiss.wav.error", true))).contains("no speech detected");
        assertThat(CONSOLE.toString(StandardCharsets.UTF_8)).contains("rejected noise.wav");
        assertThat(PipelineApp.hasWaitingFiles(inbox())).isFalse();
    }

    @Test
    void audioDroppedAloneRunsTheDefaultPlanAndTheSameNameRunsAgain() throws Exception {
        InboxDrop.copy(Path.of("test_audio/en_5s.wav"), inbox(), "clip.wav");
        eventually(() -> reportedRuns().size() >= 1 ? true : null, 120);
        // same name, new content: a different clip
        InboxDrop.copy(Path.of("test_audio/vi_5s.wav"), inbox(), "clip.wav");
        List<Path> results = eventually(() -> {
            List<Path> found = reportedRuns();
            return found.size() >= 2 ? found : null;
        }, 120);
        for (Path file : results) {
            RunResult run = Outbox.read(file);
            assertThat(run.planName()).isEqualTo("audio");
            assertThat(run.units()).singleElement().satisfies(u -> {
                assertThat(u.ok()).as(u.error()).isTrue();
                assertThat(u.measurements()).singleElement().satisfies(m -> assertThat(m.audio().name()).endsWith("clip.wav"));
            });
            assertThat(file.resolveSibling("audio.html")).exists();
        }
        // outbox/latest holds the newest run, once its delivery (after the reports) is done
        String newest = results.stream().map(f -> f.getParent().getFileName().toString()).max(String::compareTo).orElseThrow();
        Path latest = work.resolve("outbox").resolve(Delivery.LATEST).resolve(Outbox.RESULTS_FILE);
        assertThat(eventually(() -> {
            try {
                return Files.exists(latest) && newest.equals(Outbox.read(latest).runId()) ? true : null;
            } catch (IOException e) {
                return null; // replaced while read
            }
        }, 60)).isTrue();
        try (Stream<Path> done = Files.list(inbox().resolve(".done"))) {
            assertThat(done.filter(p -> p.getFileName().toString().endsWith("clip.wav")).count()).isEqualTo(2);
        }
    }

    private static short[] whiteNoise(int n) {
        Random random = new Random(3);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) (random.nextGaussian() * 6000);
        }
        return s;
    }

    /** results.json of runs whose reports are all written (the performance report comes last). */
    private static List<Path> reportedRuns() {
        return resultFiles().stream().filter(f -> Files.exists(f.resolveSibling("performance-report.html"))).toList();
    }

    private static List<Path> resultFiles() {
        Path outbox = work.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(outbox, 2)) {
            return walk.filter(p -> p.getFileName().toString().equals(Outbox.RESULTS_FILE))
                    .filter(p -> !p.getParent().getFileName().toString().equals(Delivery.LATEST))
                    // outbox/.latest-<run> is the copy being made of latest/
                    .filter(p -> !p.getParent().getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path find(Path dir, String suffix, boolean reasonFile) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-" + suffix))
                    .filter(p -> reasonFile == p.getFileName().toString().endsWith(".error"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Polls for up to 20 s: the consumer moves a file just after its exchange completes. */
    static <T> T eventually(Supplier<T> check) throws InterruptedException {
        return eventually(check, 20);
    }

    static <T> T eventually(Supplier<T> check, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        T value;
        while ((value = check.get()) == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(value).as("condition met within " + seconds + " s").isNotNull();
        return value;
    }
}
