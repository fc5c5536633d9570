package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.load.ArrivalProcess;
import org.sttbench.load.LoadSuiteTrafficTest;
import org.sttbench.load.RawDataWriter;
import org.sttbench.load.StubTranscriptionServer;
import org.sttbench.load.Traffic;
import org.sttbench.load.Workload;

/** The capacity search and the verify step drive the plan's arrival process and clip mix. */
class CapacityTrafficTest {
    static Set<String> clipsIn(Path jsonl) throws Exception {
        Set<String> out = new HashSet<>();
        for (String line : Files.readAllLines(jsonl)) {
            out.add(Json.json().readTree(line).get("clip").asText());
        }
        return out;
    }

    @Test
    void theSearchStepsUseTheArrivalProcessAndTheMix(@TempDir Path dir) throws Exception {
        Workload mix = LoadSuiteTrafficTest.twoClips(dir);
        Traffic traffic = new Traffic(mix, ArrivalProcess.poisson(), 5, null);
        try (StubTranscriptionServer server = SlotServer.of(4, 20, 200);
             RawDataWriter raw = new RawDataWriter(dir.resolve("capacity.jsonl"), dir.resolve("capacity.hlog"))) {
            SearchSettings search = new SearchSettings(1000, 0.01, Duration.ofSeconds(8), 5, 20, 0.5, 0.5);
            JsonNode node = CapacitySuite.run(new CapacitySuite.Settings(server.baseUrl(), mix.first(), 1, search, 0.5,
                    Duration.ofSeconds(10), traffic, raw), () -> null, s -> { });
            assertThat(node.get("arrival").asText()).isEqualTo("poisson");
            assertThat(node.get("clips").size()).isEqualTo(2);
            assertThat(node.get("steps").size()).isPositive();
        }
        assertThat(clipsIn(dir.resolve("capacity.jsonl"))).containsExactlyInAnyOrder("short.wav", "long.wav");
        assertThat(Files.size(dir.resolve("capacity.hlog"))).isPositive();
    }

    @Test
    void verifyDrivesTheTargetRateWithTheMixAndReportsEveryBucket(@TempDir Path dir) throws Exception {
        Workload mix = LoadSuiteTrafficTest.twoClips(dir);
        VerifySuiteTest.SlotFleet fleet = new VerifySuiteTest.SlotFleet();
        JsonNode v;
        try (RawDataWriter raw = new RawDataWriter(dir.resolve("verify.jsonl"), null)) {
            v = VerifySuite.run(new VerifySuite.Settings(10, 1000, 0.01, 0.7, 1, 2, Duration.ofSeconds(2), mix.first(),
                    Duration.ofSeconds(10), new Traffic(mix, ArrivalProcess.gamma(0.5), 9, null), raw),
                    VerifySuiteTest.capacity(10), () -> fleet, s -> { });
        }
        assertThat(v.get("arrival").asText()).isEqualTo("gamma(0.5)");
        assertThat(v.get("measured").get("by_bucket").size()).isEqualTo(2);
        assertThat(clipsIn(dir.resolve("verify.jsonl"))).containsExactlyInAnyOrder("short.wav", "long.wav");
        assertThat(fleet.closed).isTrue();
    }
}
