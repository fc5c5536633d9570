package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.StubTranscriptionServer;

/**
 * The search over real HTTP against a loopback server with K slots of S ms each, so the true capacity is
 * K / S. The SLA (1 s) sits far above the service time (200 ms): a stall of a few hundred ms on a busy
 * machine does not break it below capacity, while above capacity the queue grows without bound and the
 * median climbs window after window, which fails the step whatever the machine's load.
 */
class CapacityStubTest {
    static final OpenLoadProbe.Windows FAST = new OpenLoadProbe.Windows(20, 1, 30, 3, 0.10, 6);

    static Path clip(Path dir) throws Exception {
        return StubTranscriptionServer.silentWav(dir, 0.1);
    }

    @Test
    void theSearchLandsWithinTenPercentOfTheTrueCapacity(@TempDir Path dir) throws Exception {
        int slots = 8;
        long serviceMs = 200;
        try (StubTranscriptionServer server = SlotServer.of(slots, serviceMs, 200)) {
            double truth = slots * 1000.0 / serviceMs; // 40 req/s
            LoadSpec spec = LoadSpec.of(List.of(server.baseUrl()), clip(dir)).withTimeout(Duration.ofSeconds(30));
            // late sends only end the search when most are late: on a busy machine this test is about the
            // server's capacity, and the generator's-limit rule has its own test (CapacitySearchTest)
            SearchSettings settings = new SearchSettings(1000, 0.01, Duration.ofMinutes(3), 10, 1000, 0.05, 0.5);
            CapacityResult r;
            try (OpenLoadProbe probe = new OpenLoadProbe(spec, 1000, FAST, 512)) {
                r = new CapacitySearch(probe, settings, System.out::println).run();
            }
            assertThat(r.outcome()).as(r.message()).isEqualTo(CapacityResult.FOUND);
            assertThat(r.sustainableRps()).isBetween(truth * 0.9, truth * 1.1);
            CapacityResult.Step best = r.atSustainable();
            assertThat(best.measurement().p95Ms()).isLessThanOrEqualTo(1000);
            assertThat(best.measurement().goodputRps()).isPositive();
            // every step above 1.1 x capacity failed, and with a reason
            assertThat(r.steps()).filteredOn(s -> s.measurement().rate() > truth * 1.1)
                    .isNotEmpty().noneMatch(CapacityResult.Step::met);
        }
    }

    @Test
    void everyRequestAnErrorEndsTheSearchAtOnceWithTheCause(@TempDir Path dir) throws Exception {
        try (StubTranscriptionServer server = SlotServer.of(4, 5, 500)) {
            LoadSpec spec = LoadSpec.of(List.of(server.baseUrl()), clip(dir));
            SearchSettings settings = new SearchSettings(1000, 0.01, Duration.ofMinutes(1), 5, 1000, 0.05, 0.2);
            CapacityResult r;
            try (OpenLoadProbe probe = new OpenLoadProbe(spec, 1000, FAST, 64)) {
                r = new CapacitySearch(probe, settings, null).run();
            }
            assertThat(r.outcome()).isEqualTo(CapacityResult.ALL_ERRORS);
            assertThat(r.steps()).hasSize(1);
            assertThat(r.message()).contains("http_500");
            // the stage ended as soon as most requests had failed, not after its planned windows
            assertThat(r.steps().get(0).measurement().endedEarly()).startsWith("failing:");
        }
    }

    @Test
    void aTargetThatIsDownIsSaidToBeDown(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LoadSpec spec = LoadSpec.of(List.of("http://127.0.0.1:" + port), clip(dir)).withTimeout(Duration.ofSeconds(5));
        SearchSettings settings = new SearchSettings(1000, 0.01, Duration.ofMinutes(1), 5, 1000, 0.05, 0.2);
        CapacityResult r;
        try (OpenLoadProbe probe = new OpenLoadProbe(spec, 1000, FAST, 64)) {
            r = new CapacitySearch(probe, settings, null).run();
        }
        assertThat(r.outcome()).isEqualTo(CapacityResult.TARGET_DOWN);
        assertThat(r.message()).contains("connection_refused");
    }
}
