package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLoadRunTest {
    @TempDir
    Path dir;

    @Test
    void aStallShowsInTheTailAndInTheRequestsQueuedBehindIt() throws Exception {
        // one server thread: while request 10 stalls for 1 s, every later arrival waits behind it
        try (var stub = new StubTranscriptionServer(1, i -> {
            Thread.sleep(i == 10 ? 1_000 : 10);
            return 200;
        })) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 1.0));
            OpenLoadRun run = new OpenLoadRun(OpenLoadConfig.of(spec, 20, 3));
            OpenLoadResult result = run.run();

            StageResult total = result.total();
            assertThat(total.scheduled()).isEqualTo(60);
            assertThat(total.sent()).isEqualTo(60);
            assertThat(total.dropped()).isZero();
            assertThat(total.successes()).isEqualTo(60);
            assertThat(total.latency().maxMs()).isGreaterThanOrEqualTo(900);
            assertThat(total.latency().p99Ms()).isGreaterThanOrEqualTo(900);
            Histogram h = run.histogram();
            long queuedBehind = h.getCountBetweenValues(300_000, h.getMaxValue()) - 1;
            assertThat(queuedBehind).as("requests that waited behind the stall").isGreaterThanOrEqualTo(5);
            assertThat(total.latency().p90Ms()).isGreaterThan(300);
        }
    }

    @Test
    void dropsArrivalsBeyondMaxInFlightInsteadOfDelayingTheSchedule() throws Exception {
        try (var stub = StubTranscriptionServer.fixedLatency(4, 600)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 1.0));
            OpenLoadResult result = new OpenLoadRun(
                    new OpenLoadConfig(spec, List.of(new RateStage(20, 1)), 2, 10)).run();

            StageResult total = result.total();
            assertThat(total.scheduled()).isEqualTo(20);
            assertThat(total.sent()).isLessThan(20);
            assertThat(total.dropped()).isEqualTo(20 - total.sent());
            assertThat(total.dropped()).isGreaterThan(0);
        }
    }

    @Test
    void runsRampStagesInOrder() throws Exception {
        try (var stub = StubTranscriptionServer.fixedLatency(4, 5)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 1.0));
            OpenLoadResult result = new OpenLoadRun(new OpenLoadConfig(spec,
                    List.of(new RateStage(10, 0.5), new RateStage(20, 0.5)), 64, 10)).run();

            assertThat(result.stages()).extracting(StageResult::scheduled).containsExactly(5L, 10L);
            assertThat(result.total().scheduled()).isEqualTo(15);
            assertThat(result.total().successes()).isEqualTo(15);
            assertThat(stub.received.get()).isEqualTo(15);
            assertThat(result.audioDurationS()).isEqualTo(1.0);
        }
    }
}
