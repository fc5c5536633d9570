package org.sttbench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sttbench.Json;

/** A plan's parallel: a count, auto, or the old boolean; nothing below one. */
class ParallelPlanTest {
    private final PlanLoader loader = new PlanLoader();

    private Plan plan(String parallel) {
        return loader.parse("""
                name: p
                executor: kubernetes
                parallel: %s
                suites:
                  latency: {}
                """.formatted(parallel), "p.plan.yaml");
    }

    @Test
    void aCountAutoOrABooleanIsRead() {
        assertThat(plan("3").parallel()).isEqualTo(new Parallel(3));
        assertThat(plan("auto").parallel().auto()).isTrue();
        assertThat(plan("true").parallel()).isEqualTo(Parallel.AUTO);
        assertThat(plan("false").parallel()).isEqualTo(Parallel.SERIAL);
        assertThat(plan("1").parallel().requested()).isFalse();
        assertThat(loader.parse("name: p\nsuites: {latency: {}}\n", "p.plan.yaml").parallel()).isNull();
    }

    @Test
    void zeroNegativeOrAWordIsRejectedNamingTheField() {
        for (String bad : new String[] {"0", "-2", "many", "1.5"}) {
            assertThatThrownBy(() -> plan(bad)).as(bad).isInstanceOf(InvalidPlanException.class)
                    .hasMessageContaining("parallel");
        }
    }

    @Test
    void itIsWrittenBackAsItWasMeant() throws Exception {
        assertThat(Json.json().writeValueAsString(new Parallel(4))).isEqualTo("4");
        assertThat(Json.json().writeValueAsString(Parallel.AUTO)).isEqualTo("\"auto\"");
        assertThat(Json.json().readValue("false", Parallel.class)).isEqualTo(Parallel.SERIAL);
    }
}
