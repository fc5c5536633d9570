package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
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

    /** p95 of the latencies a single-slot FIFO server with a fixed service time gives this schedule. */
    private static double idealP95Ms(long[] arrivals, double serviceMs) {
        double free = 0;
        double[] latency = new double[arrivals.length];
        for (int i = 0; i < arrivals.length; i++) {
            double t = arrivals[i] / 1e6;
            free = Math.max(free, t) + serviceMs;
            latency[i] = free - t;
        }
        Arrays.sort(latency);
        return latency[(int) Math.ceil(0.95 * latency.length) - 1];
    }

    @Test
    void atTheSameMeanRatePoissonArrivalsQueueMoreThanConstantOnes() throws Exception {
        // one slot, 50 ms per request, 12 arrivals/s: 60% busy. Constant arrivals are 83 ms apart and never
        // wait; Poisson ones bunch up and queue. The stub's queue is virtual, so machine load delays single
        // answers but cannot build a queue under constant arrivals.
        double rate = 12, seconds = 12;
        ArrivalProcess poisson = ArrivalProcess.poisson();
        long seed = 5;
        // the measured stage is the runner's second (index 1), after a warm-up stage
        long[] drawn = poisson.schedule(rate, seconds, OpenStageRunner.stageSeed(seed, 1));
        assertThat(idealP95Ms(drawn, 50)).as("the drawn schedule queues by construction").isGreaterThan(150);
        assertThat(idealP95Ms(ArrivalProcess.constant().schedule(rate, seconds, seed), 50)).isEqualTo(50);

        // both runs at the same time, each against its own identical stub: a pause of the machine hits
        // both alike, so it cannot make constant arrivals look worse than Poisson ones
        StageResult constant, random;
        try (var stubC = StubTranscriptionServer.queue(1, i -> 50);
             var stubP = StubTranscriptionServer.queue(1, i -> 50);
             var constantRunner = new OpenStageRunner(LoadSpec.of(List.of(stubC.baseUrl()),
                     StubTranscriptionServer.silentWav(dir, 1.0)).withSeed(seed),
                     options(ArrivalProcess.constant(), Slo.NONE, StopRule.NEVER), DurationProbe.NONE, null);
             var poissonRunner = new OpenStageRunner(LoadSpec.of(List.of(stubP.baseUrl()),
                     StubTranscriptionServer.silentWav(dir, 1.0)).withSeed(seed),
                     options(poisson, Slo.NONE, StopRule.NEVER), DurationProbe.NONE, null)) {
            var pool = Executors.newFixedThreadPool(2);
            try {
                // a first stage pays for class loading, JIT and connecting; what is compared comes after it
                var c = pool.submit(() -> {
                    constantRunner.runStage(rate, 2);
                    return constantRunner.runStage(rate, seconds);
                });
                var p = pool.submit(() -> {
                    poissonRunner.runStage(rate, 2);
                    return poissonRunner.runStage(rate, seconds);
                });
                constant = c.get();
                random = p.get();
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(constant.scheduled()).isEqualTo(144);
        assertThat(random.scheduled()).isEqualTo(drawn.length);
        assertThat(random.arrival()).isEqualTo("poisson");
        assertThat(random.successes()).isEqualTo(random.scheduled());
        System.out.printf("p95 constant %.1f ms, poisson %.1f ms (ideal %.1f)%n", constant.latency().p95Ms(),
                random.latency().p95Ms(), idealP95Ms(drawn, 50));
        assertThat(random.latency().p95Ms()).isGreaterThan(constant.latency().p95Ms());
    }

    private static OpenStageRunner.Options options(ArrivalProcess arrival, Slo slo, StopRule stop) {
        return new OpenStageRunner.Options(arrival, 256, 10, slo, stop, RequestLog.NONE);
    }

    @Test
    void aOneSecondStallShowsInP99AndInLowerGoodput() throws Exception {
        // 20 arrivals/s for 3 s against one slot serving in 10 ms; request 10 takes 1 s, and every arrival of
        // the next 0.8 s waits behind it past the 200 ms bound: at least 15 of the 60 are not good
        Slo slo = new Slo(200.0, null);
        // the two runs at the same time, so a pause of the machine hits both alike
        StageResult steady, stalled;
        try (var steadyStub = StubTranscriptionServer.queue(1, i -> 10);
             var stallStub = StubTranscriptionServer.queue(1, i -> i == 10 ? 1_000 : 10);
             var steadyRunner = new OpenStageRunner(LoadSpec.of(List.of(steadyStub.baseUrl()),
                     StubTranscriptionServer.silentWav(dir, 1.0)), options(null, slo, null), DurationProbe.NONE, null);
             var stallRunner = new OpenStageRunner(LoadSpec.of(List.of(stallStub.baseUrl()),
                     StubTranscriptionServer.silentWav(dir, 1.0)), options(null, slo, null), DurationProbe.NONE, null)) {
            var pool = Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> steadyRunner.runStage(20, 3));
                var b = pool.submit(() -> stallRunner.runStage(20, 3));
                steady = a.get();
                stalled = b.get();
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(stalled.successes()).isEqualTo(60);
        assertThat(stalled.latency().p99Ms()).isGreaterThanOrEqualTo(900);
        assertThat(stalled.good()).isLessThanOrEqualTo(45);
        assertThat(stalled.goodShare()).isLessThan(steady.goodShare());
        assertThat(stalled.goodputRps()).isLessThan(steady.goodputRps());
        assertThat(stalled.windows()).hasSize(3);
        assertThat(stalled.windows().stream().mapToLong(StageResult.Window::scheduled).sum()).isEqualTo(60);
    }

    @Test
    void aCapacitySearchStepEndsEarlyWhenTheServerSaturatesOrStalls() throws Exception {
        try (var stub = StubTranscriptionServer.queue(1, i -> 200)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 1.0));
            var opts = new OpenStageRunner.Options(null, 4, 10, null, StopRule.CAPACITY_SEARCH, null);
            try (var runner = new OpenStageRunner(spec, opts, DurationProbe.NONE, null)) {
                // 50/s against a server that does 5/s: the 4 in-flight slots fill in a tenth of a second
                StageResult r = runner.runStage(50, 60);
                assertThat(r.endedEarly()).startsWith("saturated");
                assertThat(r.durationS()).isLessThan(60);
                assertThat(r.plannedDurationS()).isEqualTo(60);
                assertThat(r.dropped()).isEqualTo(1);
            }
        }
        try (var stub = StubTranscriptionServer.queue(1, i -> i == 0 ? 10 : 30_000)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 1.0))
                    .withTimeout(Duration.ofSeconds(40));
            var opts = new OpenStageRunner.Options(null, 256, 10, null, new StopRule(false, 1, 1, 1), null);
            try (var runner = new OpenStageRunner(spec, opts, DurationProbe.NONE, null)) {
                StageResult r = runner.runStage(5, 60);
                assertThat(r.endedEarly()).startsWith("stalled: no answer for");
                assertThat(r.unfinished()).isGreaterThan(0);
                assertThat(r.errorsByCause()).containsKey("unfinished");
            }
        }
    }

    @Test
    void aTrafficMixIsReportedPerClipLengthBucketWithRtfx() throws Exception {
        Path shortClip = StubTranscriptionServer.silentWav(Files.createDirectories(dir.resolve("s")), 2);
        Path longClip = StubTranscriptionServer.silentWav(Files.createDirectories(dir.resolve("l")), 20);
        try (var stub = StubTranscriptionServer.queue(8, i -> 5)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), shortClip)
                    .withWorkload(new Workload(List.of(new Workload.Clip(shortClip, 1), new Workload.Clip(longClip, 1))));
            OpenLoadResult result = new OpenLoadRun(OpenLoadConfig.of(spec, 40, 1)).run();

            StageResult total = result.total();
            assertThat(total.byBucket().keySet()).containsExactly("0-5s", "15-30s");
            long shorts = total.byBucket().get("0-5s").requests();
            long longs = total.byBucket().get("15-30s").requests();
            assertThat(shorts + longs).isEqualTo(40);
            assertThat(shorts).isPositive();
            assertThat(longs).isPositive();
            // every request succeeded: audio seconds = 2 per short + 20 per long, RTFx = that / wall seconds
            assertThat(total.audioSeconds()).isEqualTo(2.0 * shorts + 20.0 * longs);
            assertThat(total.rtfx()).isPositive();
            assertThat(result.audioDurationS()).isNull();
        }
    }
}
