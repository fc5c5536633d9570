package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.bench.WorkerProtocol;
import org.sttbench.models.ModelInfo;
import picocli.CommandLine;

class WorkerProtocolTest {
    /** Executors start the worker by class name, in another JVM or an image: the name must stay true. */
    @Test
    void theEntryClassAndCommandNameWhatStartsTheWorker() {
        assertThat(WorkerProtocol.ENTRY_CLASS).isEqualTo(Main.class.getName());
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey(WorkerProtocol.COMMAND);
    }

    /**
     * A pod or container log merges stdout and stderr by when the runtime read each piece; a stderr line
     * can land between the lines of the result. Every other line here is foreign, and the result still
     * comes back whole, a non-ASCII reason included.
     */
    @Test
    void aResultSurvivesAnotherStreamMergedBetweenItsLines() throws Exception {
        WorkUnit unit = new WorkUnit("run-1", "latency-tiny", 1, 1, Suite.LATENCY,
                new ModelInfo("tiny", Path.of("/m/tiny.bin"), 1, "x", true), List.of("/a/clip.wav"),
                "en", 1.0, 1, 3, 1, 60);
        String reason = "modèle illisible: " + "x".repeat(9000) + " 音声";
        StringWriter printed = new StringWriter();
        WorkerProtocol.print(new PrintWriter(printed), UnitResult.failed(unit, "docker", reason));

        List<String> merged = new ArrayList<>();
        merged.add("whisper_init_from_file: loading model");
        for (String line : printed.toString().split("\\R")) {
            merged.add(line);
            merged.add("whisper_print_timings: encode time = 12.3 ms");
        }
        assertThat(printed.toString().lines().count()).as("the JSON is cut in several lines").isGreaterThan(5);

        UnitResult back = WorkerProtocol.parse(String.join("\n", merged)).orElseThrow();

        assertThat(back.error()).isEqualTo(reason);
        assertThat(back.unit().unitId()).isEqualTo("latency-tiny");
    }
}
