package org.sttbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.load.ArrivalProcess;
import org.sttbench.load.StubTranscriptionServer;
import org.sttbench.load.Traffic;
import org.sttbench.workers.WorkerFleet;

/** The verify step with replicas that are loopback slot servers, so their capacity is known. */
class VerifySuiteTest {
    /** Replicas of 2 slots x 100 ms: 20 req/s each. */
    static class SlotFleet implements WorkerFleet {
        final List<StubTranscriptionServer> servers = new ArrayList<>();
        boolean closed;

        @Override
        public List<String> start(int count) throws Exception {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StubTranscriptionServer s = SlotServer.of(2, 100, 200);
                servers.add(s);
                urls.add(s.baseUrl());
            }
            return urls;
        }

        @Override
        public void close() {
            servers.forEach(StubTranscriptionServer::close);
            closed = true;
        }
    }

    static ObjectNode capacity(double sustainable) {
        List<CapacityResult.Step> steps = List.of(
                CapacitySearchTest.step(5, 110, 50, 0, 0, 0, Map.of(), false, 5),
                CapacitySearchTest.step(sustainable, 180, 100, 0, 0, 0, Map.of(), false, sustainable),
                CapacitySearchTest.step(sustainable * 2, 4000, 100, 0, 0, 0, Map.of(), true, sustainable))
                .stream().map(m -> new CapacityResult.Step(1, m.rising() ? "saturated" : "met", "", m)).toList();
        return CapacityJson.of(List.of("http://127.0.0.1:1"), "clip.wav", new CapacityResult(1000, 0.01, 60, 30,
                CapacityResult.FOUND, sustainable, sustainable, "found", steps));
    }

    static VerifySuite.Settings settings(Path clip, int maxReplicas) {
        return new VerifySuite.Settings(30, 1000, 0.01, 0.7, 1, maxReplicas, Duration.ofSeconds(2), clip,
                Duration.ofSeconds(10));
    }

    @Test
    void aFleetTheMachineCannotHoldIsScaledDownAndTheReportSaysSo(@TempDir Path dir) throws Exception {
        SlotFleet fleet = new SlotFleet();
        JsonNode v = VerifySuite.run(settings(CapacityStubTest.clip(dir), 2), capacity(10), () -> fleet, s -> { });
        // 30 req/s at 10 per pod and 70% utilization: ceil(30 / 7) = 5 pods, of which 2 fit
        assertThat(v.get("predicted_replicas").asInt()).isEqualTo(5);
        assertThat(v.get("replicas").asInt()).isEqualTo(2);
        assertThat(v.get("scaled_down").asBoolean()).isTrue();
        assertThat(v.get("rate_rps").asDouble()).isEqualTo(12.0);
        assertThat(v.get("scale_note").asText()).contains("holds 2 of the 5 replicas");
        // 6 req/s per replica lies between the curve's 5 (110 ms) and 10 (180 ms)
        assertThat(v.get("predicted_p95_ms").asDouble()).isEqualTo(124.0);
        assertThat(v.get("measured").get("ok").asLong()).isPositive();
        assertThat(v.get("measured").get("p95_ms").asDouble()).isPositive();
        assertThat(v.get("verified").asBoolean()).as(v.get("verdict").asText()).isTrue();
        assertThat(v.get("verdict").asText()).isEqualTo("sizing verified (on a scaled-down fleet)");
        assertThat(v.get("sizing").get("pods").asInt()).isEqualTo(5);
        assertThat(fleet.closed).isTrue();
    }

    @Test
    void goodputHoldsRequestsToTheTrafficsPerAudioSecondBound(@TempDir Path dir) throws Exception {
        Path clip = CapacityStubTest.clip(dir);
        VerifySuite.Settings loose = settings(clip, 2);
        // 1 ms per audio second: a request of a few seconds' clip is good only under a few ms, and the
        // replicas take at least 100 ms, so none is good, although they succeed
        VerifySuite.Settings strict = new VerifySuite.Settings(loose.targetRps(), loose.slaP95Ms(),
                loose.maxErrorRate(), loose.utilization(), loose.cpus(), loose.maxReplicas(), loose.duration(), clip,
                loose.requestTimeout(), new Traffic(null, ArrivalProcess.constant(), 7, 1.0), null);

        JsonNode v = VerifySuite.run(strict, capacity(10), SlotFleet::new, s -> { });

        JsonNode measured = v.get("measured");
        assertThat(measured.get("ok").asLong()).isPositive();
        assertThat(measured.get("good").asLong()).isZero();
        assertThat(measured.get("goodput_rps").asDouble()).isZero();
        assertThat(measured.get("good_share").asDouble()).isZero();
    }

    @Test
    void replicasThatCannotStartFailTheVerifyWithTheReason(@TempDir Path dir) throws Exception {
        SlotFleet fleet = new SlotFleet() {
            @Override
            public List<String> start(int count) {
                throw new IllegalStateException("worker http://127.0.0.1:4 exited with code 1 before it was healthy");
            }
        };
        JsonNode v = VerifySuite.run(settings(CapacityStubTest.clip(dir), 8), capacity(10), () -> fleet, s -> { });
        assertThat(v.get("status").asText()).isEqualTo("could_not_start");
        assertThat(v.get("verified").asBoolean()).isFalse();
        assertThat(v.get("verdict").asText()).isEqualTo("not verified: the 5 replica(s) could not be started: worker"
                + " http://127.0.0.1:4 exited with code 1 before it was healthy");
        assertThat(fleet.closed).isTrue();
    }

    @Test
    void withoutASustainableRateThereIsNothingToVerify(@TempDir Path dir) throws Exception {
        ObjectNode none = capacity(10);
        none.remove("sustainable_rps");
        JsonNode v = VerifySuite.run(settings(CapacityStubTest.clip(dir), 2), none, SlotFleet::new, s -> { });
        assertThat(v.get("status").asText()).isEqualTo("no_capacity");
        assertThat(v.get("verdict").asText()).contains("found no rate that met the SLA");
    }
}
