package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttbench.BadInputException;
import org.sttbench.analysis.TrafficLevel;

class ReportOptionsTest {
    @Test
    void propertiesOverrideTheDefaults() {
        Map<String, String> props = Map.of("sttbench.price.core-hour", "0.031", "sttbench.price.currency", "EUR",
                "sttbench.threshold.efficiency", "0.75", "sttbench.traffic.levels", "night:0.5, day:6,peak:15",
                "sttbench.hpa.min-replicas-floor", "3");
        ReportOptions o = ReportOptions.from(props::get);
        assertThat(o.prices().perCoreHour()).isEqualTo(0.031);
        assertThat(o.prices().perGibHour()).isEqualTo(ReportOptions.DEFAULT_GIB_HOUR);
        assertThat(o.prices().currency()).isEqualTo("EUR");
        assertThat(o.thresholds().efficiency()).isEqualTo(0.75);
        assertThat(o.thresholds().cpuUtilization()).isEqualTo(0.70);
        assertThat(o.trafficLevels()).containsExactly(new TrafficLevel("night", 0.5), new TrafficLevel("day", 6),
                new TrafficLevel("peak", 15));
        assertThat(o.minReplicasFloor()).isEqualTo(3);
    }

    @Test
    void customLevelsAndPricesReachTheStrategy() {
        ReportOptions o = ReportOptions.from(Map.of("sttbench.traffic.levels", "quiet:1,busy:12",
                "sttbench.price.core-hour", "0.10")::get);
        ScalingStrategy s = ReportInput.of(Fixtures.load("nightly-docker"), o).strategy();
        assertThat(s.traffic()).extracting(r -> r.level()).containsExactly("quiet", "busy");
        assertThat(s.replicas().derivation()).contains("quiet level of 1 rps").contains("busy level of 12 rps");
        ScalingStrategy cheap = ReportInput.of(Fixtures.load("nightly-docker"), ReportOptions.defaults()).strategy();
        assertThat(s.costs().get(0).monthlyCost()).isGreaterThan(cheap.costs().get(0).monthlyCost());
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> ReportOptions.from(Map.of("sttbench.price.core-hour", "cheap")::get))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sttbench.price.core-hour");
        assertThatThrownBy(() -> ReportOptions.from(Map.of("sttbench.traffic.levels", "low=1")::get))
                .isInstanceOf(BadInputException.class).hasMessageContaining("name:rps");
    }
}
