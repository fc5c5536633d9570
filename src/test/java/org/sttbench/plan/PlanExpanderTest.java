package org.sttbench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;
import org.sttbench.bench.Suite;
import org.sttbench.bench.WorkUnit;
import org.sttbench.models.ModelInfo;

class PlanExpanderTest {
    @TempDir
    Path home;
    @TempDir
    Path elsewhere;
    private PlanExpander expander;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve("clips"));
        Files.writeString(home.resolve("clips/a.wav"), "x");
        Files.writeString(home.resolve("clips/b.mp3"), "x");
        Files.writeString(home.resolve("clips/notes.txt"), "x");
        Files.writeString(elsewhere.resolve("secret.wav"), "x");
        expander = new PlanExpander(name -> {
            if (!name.equals("tiny")) {
                throw new BadInputException("model not found: " + name);
            }
            return new ModelInfo("tiny", home.resolve("ggml-tiny.bin"), 1, "abc", true);
        }, new AudioSelector(List.of(home), List.of(home)));
    }

    private Plan plan(String yaml) {
        return new PlanLoader().parse(yaml, "t.plan.yaml");
    }

    @Test
    void oneUnitPerConditionWithProgressNumbers() {
        RunSpec spec = expander.expand("r1", plan("""
                name: t
                model: tiny
                audio: [clips/*]
                suites:
                  audio: {}
                  cpu_scaling: { cpus: [1, 2] }
                  threads: { cpus: 1, threads: [1, 2, 4] }
                """), null, List.of(), 8);
        List<WorkUnit> units = spec.units();
        assertThat(units).extracting(WorkUnit::unitId).containsExactly("audio-tiny", "cpu_scaling-tiny-1cpu",
                "cpu_scaling-tiny-2cpu", "threads-tiny-1cpu-1t", "threads-tiny-1cpu-2t", "threads-tiny-1cpu-4t");
        assertThat(units).allSatisfy(u -> assertThat(u.total()).isEqualTo(6));
        assertThat(units.get(0).audio()).hasSize(2);
        assertThat(units.get(0).audio().get(0)).endsWith("a.wav");
        assertThat(units.get(0).audio().get(1)).endsWith("b.mp3");
        assertThat(units.get(2).cpuLimit()).isEqualTo(2.0);
        assertThat(units.get(2).threads()).isEqualTo(2);
        assertThat(units.get(5).suite()).isEqualTo(Suite.THREADS);
        assertThat(units.get(5).threads()).isEqualTo(4);
        assertThat(units.get(5).cpuLimit()).isEqualTo(1.0);
    }

    @Test
    void cpuCountsBeyondTheExecutorAreSkippedWithANote() {
        RunSpec spec = expander.expand("r1", plan("""
                name: t
                audio: clips/a.wav
                suites: { cpu_scaling: { cpus: [1, 2, 4, 8] } }
                """), null, List.of(), 2);
        assertThat(spec.units()).extracting(WorkUnit::cpuLimit).containsExactly(1.0, 2.0);
        assertThat(spec.notes()).hasSize(2).first().asString().contains("4 CPUs skipped");
    }

    @Test
    void everyProblemIsReported() {
        InvalidPlanException e = catchThrowableOfType(() -> expander.expand("r1", plan("""
                name: t
                model: [tiny, huge]
                audio: [clips/*.flac, ../*/secret.wav]
                suites: { threads: { cpus: 16 } }
                """), null, List.of(), 2), InvalidPlanException.class);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("model not found: huge"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("clips/*.flac").contains("matches no audio"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("outside the allowed folders"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("16 CPUs"));
    }

    @Test
    void absolutePathsOutsideTheAllowedFoldersAreRefused() {
        InvalidPlanException e = catchThrowableOfType(() -> expander.expand("r1", plan(
                "name: t\naudio: " + elsewhere.resolve("secret.wav") + "\nsuites: { audio: {} }\n"), null, List.of(), 2),
                InvalidPlanException.class);
        assertThat(e.problems()).singleElement().asString().contains("outside the allowed folders");
    }

    @Test
    void planWithoutAudioUsesWhatWasDropped() {
        RunSpec spec = expander.expand("r1", plan("name: t\nsuites: { audio: {} }\n"), null,
                List.of(home.resolve("clips/a.wav")), 2);
        assertThat(spec.units().get(0).audio()).singleElement().asString().endsWith("a.wav");
        assertThat(spec.units().get(0).model().name()).isEqualTo("tiny");
    }
}
