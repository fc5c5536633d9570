package org.sttbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sttbench.analysis.InstanceScale;
import org.sttbench.report.FixtureAccess;

/** A curve whose points ran on two instance types, brought onto one scale with compare's ratios. */
class InstanceScaleTest {
    private final RunResult mixed = FixtureAccess.load("cluster-mixed");

    @Test
    void pointsAreDividedByTheirTypesRatioBeforeSpeedupIsComputed() {
        JsonNode plain = RunAnalyzer.analyze(mixed).path("cpu_scaling").path("tiny").path("points");
        JsonNode scaled = RunAnalyzer.analyze(mixed, InstanceScale.parse("c6i.2xlarge=1.0, m5.2xlarge=1.25"))
                .path("cpu_scaling").path("tiny").path("points");
        // 1 and 2 CPUs ran on the reference type: unchanged; 4 and 8 on m5, 1.25x slower: latency / 1.25
        assertThat(scaled.get(0).path("latency_ms").asDouble()).isEqualTo(plain.get(0).path("latency_ms").asDouble());
        assertThat(scaled.get(1).path("speedup").asDouble()).isEqualTo(plain.get(1).path("speedup").asDouble());
        assertThat(scaled.get(3).path("latency_ms").asDouble())
                .isCloseTo(plain.get(3).path("latency_ms").asDouble() / 1.25, offset(1e-9));
        assertThat(scaled.get(3).path("speedup").asDouble())
                .isCloseTo(plain.get(3).path("speedup").asDouble() * 1.25, offset(1e-9));
        assertThat(RunAnalyzer.analyze(mixed, InstanceScale.parse("c6i.2xlarge=1,m5.2xlarge=1.25"))
                .path("normalization").path("note").asText()).contains("c6i.2xlarge = 1.0, m5.2xlarge = 1.25");
        assertThat(RunAnalyzer.analyze(mixed).has("normalization")).isFalse();
    }

    @Test
    void aTypeWithoutARatioOrABadRatioIsRefused() {
        assertThatThrownBy(() -> RunAnalyzer.analyze(mixed, InstanceScale.parse("c6i.2xlarge=1.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m5.2xlarge");
        for (String bad : new String[] {"m5=0", "m5=-1", "m5", "=1", "m5=fast", "a=1,a=2"}) {
            assertThatThrownBy(() -> InstanceScale.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
