package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.sttbench.Json;
import org.sttbench.plan.Plan;

/** What the load report says of an open-model run beyond its table, from stages with known counts. */
class OpenLoadViewTest {
    private static final Plan.Sla SLA = new Plan.Sla(1000.0, null, null, 0.05);

    private static ObjectNode stage(ArrayNode stages, double rate, long scheduled, long successes, long late,
                                    long dropped, double p95Ms) {
        ObjectNode s = stages.addObject();
        s.put("rate", rate).put("scheduled", scheduled).put("sent", scheduled - dropped).put("successes", successes)
                .put("late", late).put("dropped", dropped);
        s.putObject("latency").put("p95_ms", p95Ms);
        return s;
    }

    private static JsonNode load(ArrayNode stages) {
        ObjectNode load = Json.json().createObjectNode().put("mode", "open");
        load.putObject("open").set("stages", stages);
        return load;
    }

    @Test
    void onlyManyLateSendsMarkTheGeneratorsLimitNotDropsOrAFewLateAtALowRate() {
        ArrayNode stages = Json.json().createArrayNode();
        stage(stages, 1, 10, 10, 5, 0, 300);        // half late, but 10 arrivals: scheduling noise
        stage(stages, 50, 500, 450, 0, 50, 900);    // drops: the target had the in-flight limit full
        stage(stages, 400, 4000, 4000, 1200, 0, 200); // 30 % sent late: the generator could not keep up

        OpenLoadView view = OpenLoadView.of(load(stages), SLA);

        assertThat(view.generatorLimited()).containsExactly(400.0);
    }

    @Test
    void theHighestRateWithinTheSlaCountsDropsAsFailures() {
        ArrayNode stages = Json.json().createArrayNode();
        stage(stages, 2, 100, 100, 0, 0, 400);
        stage(stages, 4, 200, 185, 0, 15, 600);     // p95 within, but 7.5 % unanswered > 5 %
        stage(stages, 8, 400, 400, 0, 0, 2500);     // all answered, p95 over the SLA

        OpenLoadView view = OpenLoadView.of(load(stages), SLA);

        assertThat(view.highestWithinSla()).isEqualTo(2.0);
        assertThat(view.judgedRate()).isEqualTo(8.0);
        assertThat(view.judgedBecause()).isEqualTo("the highest offered rate");
    }
}
