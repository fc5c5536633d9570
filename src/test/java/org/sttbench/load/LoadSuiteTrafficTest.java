package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;

/** The load suite driven by a traffic setting: arrival process, a two-clip mix, raw data. */
public class LoadSuiteTrafficTest {
    /** A 0.5 s and a 6 s clip: two clip-length buckets. */
    public static Workload twoClips(Path dir) throws IOException {
        Path shortClip = Files.move(StubTranscriptionServer.silentWav(Files.createDirectories(dir.resolve("a")), 0.5),
                dir.resolve("short.wav"));
        Path longClip = Files.move(StubTranscriptionServer.silentWav(Files.createDirectories(dir.resolve("b")), 6),
                dir.resolve("long.wav"));
        return new Workload(List.of(new Workload.Clip(shortClip, 1), new Workload.Clip(longClip, 1)));
    }

    static LoadSuite.Settings settings(String target, Path audio) {
        return new LoadSuite.Settings(target, audio, List.of(1), 4, 0, 10_000, 1000.0);
    }

    /** Gaps between consecutive intended send times of the per-request log, in ms. */
    static List<Double> gaps(Path jsonl) throws IOException {
        List<Double> intended = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            intended.add(Json.json().readTree(line).get("intended_ms").asDouble());
        }
        intended.sort(Double::compare);
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < intended.size(); i++) {
            out.add(intended.get(i) - intended.get(i - 1));
        }
        return out;
    }

    public static long histogramCount(Path hlog) throws IOException {
        long n = 0;
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        Histogram h;
        while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
            n += h.getTotalCount();
        }
        return n;
    }

    JsonNode openRun(Path dir, String name, ArrivalProcess arrival, Workload mix, String target) throws IOException {
        Traffic traffic = new Traffic(mix, arrival, 7, null);
        try (RawDataWriter raw = new RawDataWriter(dir.resolve(name + ".jsonl"), dir.resolve(name + ".hlog"))) {
            return LoadSuite.run(settings(target, mix.first()), null,
                    new LoadSuite.Mode(traffic, List.of(40.0), 1.5, raw), LoadListener.NONE);
        }
    }

    @Test
    void openStagesFollowTheArrivalProcessAndReportEveryBucketAndTheRawData(@TempDir Path dir) throws Exception {
        Workload mix = twoClips(dir);
        try (StubTranscriptionServer server = StubTranscriptionServer.fixedLatency(16, 5)) {
            JsonNode poisson = openRun(dir, "poisson", ArrivalProcess.poisson(), mix, server.baseUrl());
            JsonNode constant = openRun(dir, "constant", ArrivalProcess.constant(), mix, server.baseUrl());

            assertThat(poisson.get("mode").asText()).isEqualTo("open");
            assertThat(poisson.get("arrival").asText()).isEqualTo("poisson");
            assertThat(poisson.get("seed").asLong()).isEqualTo(7);
            assertThat(poisson.get("clips").size()).isEqualTo(2);
            JsonNode total = poisson.get("open").get("total");
            assertThat(poisson.get("open").get("stages").get(0).get("arrival").asText()).isEqualTo("poisson");
            assertThat(total.get("successes").asLong()).isPositive();
            assertThat(total.get("goodput_rps").asDouble()).isPositive();
            assertThat(total.get("good_share").asDouble()).isPositive();
            assertThat(total.get("rtfx").asDouble()).isPositive();
            // both clips were sampled, each in its own length bucket
            assertThat(total.get("by_bucket").properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("0-5s", "5-15s");

            // constant arrivals are 25 ms apart; Poisson gaps from the same mean rate are not
            List<Double> constantGaps = gaps(dir.resolve("constant.jsonl"));
            assertThat(constantGaps).allSatisfy(g -> assertThat(g).isCloseTo(25.0, offset(0.01)));
            List<Double> poissonGaps = gaps(dir.resolve("poisson.jsonl"));
            double min = poissonGaps.stream().mapToDouble(d -> d).min().orElseThrow();
            double max = poissonGaps.stream().mapToDouble(d -> d).max().orElseThrow();
            assertThat(max - min).isGreaterThan(20.0);

            // the raw files hold every answered request and add up to the summary
            long sent = total.get("sent").asLong();
            assertThat(Files.readAllLines(dir.resolve("poisson.jsonl"))).hasSize((int) sent);
            assertThat(histogramCount(dir.resolve("poisson.hlog"))).isEqualTo(total.get("successes").asLong());
            assertThat(constant.get("arrival").asText()).isEqualTo("constant");
        }
    }

    @Test
    void theClosedSweepTakesTheMixAndReportsGoodputPerBucket(@TempDir Path dir) throws Exception {
        Workload mix = twoClips(dir);
        try (StubTranscriptionServer server = StubTranscriptionServer.fixedLatency(4, 5)) {
            JsonNode node = LoadSuite.run(new LoadSuite.Settings(server.baseUrl(), mix.first(), List.of(1, 2), 30, 0,
                    10_000, 1000.0), null, new LoadSuite.Mode(new Traffic(mix, null, 3, null), null, 1, null),
                    LoadListener.NONE);
            assertThat(node.get("mode").asText()).isEqualTo("closed");
            JsonNode level = node.get("levels").get(0);
            assertThat(level.get("goodput_rps").asDouble()).isPositive();
            assertThat(level.get("good").asLong()).isPositive().isLessThanOrEqualTo(level.get("ok").asLong());
            assertThat(level.get("by_bucket").properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("0-5s", "5-15s");
        }
    }
}
