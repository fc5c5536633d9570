package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.Json;

class SizingTest {

    private static SizingInput shape(double rps, double sla, double serviceMs, Double p95, double cpus) {
        return new SizingInput(rps, sla, serviceMs, p95, cpus, 1, 2048, 0.7);
    }

    @Test
    void podsForThroughput() {
        assertThat(Sizing.podsForThroughput(10, 2, 0.7)).isEqualTo(8); // 10 / 1.4 = 7.14 -> 8
        assertThat(Sizing.podsForThroughput(10, 2, 1.0)).isEqualTo(5);
        assertThat(Sizing.podsForThroughput(7, 1, 0.7)).isEqualTo(10); // 10.000000000000002 in doubles
        assertThat(Sizing.podsForThroughput(0, 2, 0.7)).isEqualTo(1);
        assertThatThrownBy(() -> Sizing.podsForThroughput(1, 0, 0.7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizing.podsForThroughput(1, 1, 0)).hasMessageContaining("utilization");
    }

    @Test
    void slaDecidesWhenQueueingHurts() {
        // 4 rps x 1 s service: a = 4 Erlangs; 1 rps per pod -> throughput: ceil(4 / 0.7) = 6 pods
        // SLA p95 1500 ms with measured service p95 1200 ms: p95 = 1200 + ln(C / 0.05) * 1000 / (c - 4)
        //   c = 6: C = 0.28476 -> 1200 + 1000 ln(5.695) / 2 = 2069.8 ms
        //   c = 7: C = 0.13511 -> 1200 + 1000 ln(2.702) / 3 = 1531.4 ms
        //   c = 8: C = 0.05904 -> 1200 + 1000 ln(1.181) / 4 = 1241.6 ms  <= 1500 -> 8 pods
        SizingPlan plan = Sizing.plan(shape(4, 1500, 1000, 1200.0, 2));
        assertThat(plan.offeredLoad()).isCloseTo(4, within(1e-12));
        assertThat(plan.rpsPerPod()).isCloseTo(1, within(1e-12));
        assertThat(plan.podsByThroughput()).isEqualTo(6);
        assertThat(plan.podsBySla()).isEqualTo(8);
        assertThat(plan.pods()).isEqualTo(8);
        assertThat(plan.servers()).isEqualTo(8);
        assertThat(plan.totalCpus()).isEqualTo(16);
        assertThat(plan.totalMemoryMb()).isEqualTo(8 * 2048);
        assertThat(plan.expectedUtilization()).isCloseTo(0.5, within(1e-12));
        assertThat(plan.probabilityOfWaiting()).isCloseTo(0.059044, within(1e-6));
        assertThat(plan.predictedP95Ms()).isCloseTo(1241.565, within(1e-2));
        assertThat(plan.slaMet()).isTrue();
        assertThat(plan.method()).contains("measured service p95");
        assertThat(plan.notes()).contains("the SLA, not throughput, decides the pod count");
    }

    @Test
    void throughputDecidesWhenSlaIsLoose() {
        // SLA 3000: c = 6 already gives 2069.8 ms, equal to the throughput count
        SizingPlan plan = Sizing.plan(shape(4, 3000, 1000, 1200.0, 2));
        assertThat(plan.podsBySla()).isEqualTo(6);
        assertThat(plan.pods()).isEqualTo(6);
    }

    @Test
    void slaBelowServiceTimeCannotBeMetByPods() {
        SizingPlan plan = Sizing.plan(shape(4, 1000, 1000, 1200.0, 2));
        assertThat(plan.podsBySla()).isNull();
        assertThat(plan.pods()).isEqualTo(6);
        assertThat(plan.slaMet()).isFalse();
        assertThat(plan.notes().get(0)).contains("cannot be met by adding pods");
    }

    @Test
    void exponentialServiceWithoutMeasuredP95() {
        // M/M/1 at a = 0.5, s = 100 ms: p95 = 599.15 ms; exponential floor is 100 ln 20 = 299.6 ms
        SizingPlan plan = Sizing.plan(new SizingInput(5, 600, 100, null, 1, 1, 512, 0.5));
        // throughput: 10 rps per pod, ceil(5 / (10 * 0.5)) = 1 pod; a = 5 * 0.1 = 0.5
        assertThat(plan.podsByThroughput()).isEqualTo(1);
        assertThat(plan.podsBySla()).isEqualTo(1);
        assertThat(plan.predictedP95Ms()).isCloseTo(599.146, within(1e-2));
        assertThat(plan.method()).startsWith("M/M/c exact");
        // SLA 590 needs a second pod
        assertThat(Sizing.plan(new SizingInput(5, 590, 100, null, 1, 1, 512, 0.5)).pods()).isEqualTo(2);
        // 290 ms is below the exponential floor 100 ln 20 = 299.6 ms: suggest measuring the service p95
        assertThat(Sizing.plan(new SizingInput(5, 290, 100, null, 1, 1, 512, 0.5)).notes().get(0))
                .contains("exponential service").contains("measured service p95");
    }

    @Test
    void slotsMultiplyServers() {
        SizingPlan plan = Sizing.plan(new SizingInput(4, 1500, 1000, 1200.0, 4, 2, 4096, 0.7));
        // 2 slots per pod: 2 rps per pod; throughput ceil(4 / 1.4) = 3; SLA needs c = 8 -> 4 pods
        assertThat(plan.podsByThroughput()).isEqualTo(3);
        assertThat(plan.podsBySla()).isEqualTo(4);
        assertThat(plan.servers()).isEqualTo(8);
    }

    @Test
    void recommendsCheapestShapePerTrafficLevel() {
        // shape A: 2 CPUs, 1000 ms (p95 1200); shape B: 4 CPUs, 550 ms (p95 650); SLA 2000 ms
        // low 0.5 rps:  A needs 2 pods (1 pod: 1200 + 1000 ln(0.5/0.05)/0.5 = 5805 ms) = 4 CPUs; B 1 pod = 4 CPUs
        //               tie on CPUs -> fewer pods -> B
        // high 4 rps:   A 7 pods = 14 CPUs (p95 1531 ms); B 4 pods = 16 CPUs -> A
        List<SizingInput> shapes = List.of(shape(0, 2000, 1000, 1200.0, 2), shape(0, 2000, 550, 650.0, 4));
        List<Sizing.TrafficRecommendation> recs = Sizing.recommendByTraffic(
                List.of(new TrafficLevel("low", 0.5), new TrafficLevel("high", 4)), shapes, null);
        assertThat(recs.get(0).cpusPerPod()).isEqualTo(4);
        assertThat(recs.get(0).pods()).isEqualTo(1);
        assertThat(recs.get(1).cpusPerPod()).isEqualTo(2);
        assertThat(recs.get(1).pods()).isEqualTo(7);
        assertThat(recs.get(1).predictedP95Ms()).isCloseTo(1531.356, within(1e-2));
        assertThat(recs).allMatch(Sizing.TrafficRecommendation::slaMet);
        assertThat(recs.get(0).monthlyCost()).isNull();

        // with prices: A high = 7 x (2 x 0.04 + 2 x 0.005) = 0.63 / h -> 459.9 per 730 h month
        List<Sizing.TrafficRecommendation> priced = Sizing.recommendByTraffic(
                List.of(new TrafficLevel("high", 4)), shapes, new CostTable.Prices(0.04, 0.005));
        assertThat(priced.get(0).cpusPerPod()).isEqualTo(2);
        assertThat(priced.get(0).monthlyCost()).isCloseTo(459.9, within(1e-6));
    }

    @Test
    void unmeetableSlaReturnsLowestP95() {
        List<Sizing.TrafficRecommendation> recs = Sizing.recommendByTraffic(List.of(new TrafficLevel("peak", 2)),
                List.of(shape(0, 600, 1000, 1200.0, 2), shape(0, 600, 550, 650.0, 4)), null);
        assertThat(recs.get(0).slaMet()).isFalse();
        assertThat(recs.get(0).cpusPerPod()).isEqualTo(4);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Sizing.plan(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizing.plan(new SizingInput(1, 100, 0, null, 1, 1, 1, 0.7)))
                .hasMessageContaining("service_ms");
        assertThatThrownBy(() -> Sizing.plan(new SizingInput(1, 100, 10, null, 1, 0, 1, 0.7)))
                .hasMessageContaining("slots_per_pod");
        assertThatThrownBy(() -> Sizing.recommendByTraffic(List.of(), List.of(shape(0, 1, 1, null, 1)), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planSerialisesSnakeCase() throws Exception {
        String json = Json.json().writeValueAsString(Sizing.plan(shape(4, 1500, 1000, 1200.0, 2)));
        assertThat(json).contains("\"pods_by_sla\" : 8", "\"predicted_p95_ms\"", "\"sla_met\" : true");
    }
}
