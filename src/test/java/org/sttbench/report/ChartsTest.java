package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.DecimalFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Axis choices and text descriptions of the report charts. */
class ChartsTest {
    @Test
    void axisNumbersKeepTheirLeadingZero() {
        String pattern = Charts.pattern(new double[] {0.2, 0.5, 0.9});
        assertThat(new DecimalFormat(pattern).format(0.5)).isEqualTo("0.5");
        assertThat(new DecimalFormat(Charts.pattern(new double[] {3, 12})).format(0.5)).isEqualTo("0.5");
        assertThat(Charts.pattern(new double[] {100, 2500})).isEqualTo("#,##0");
    }

    @Test
    void onlyValuesSpanningDecadesGoLogarithmic() {
        assertThat(Charts.spansDecades(new double[] {1, 2, 4, 8, 16})).isFalse();
        assertThat(Charts.spansDecades(new double[] {0.9, 40})).isTrue();
        assertThat(Charts.spansDecades(new double[] {0, 40})).as("zero cannot sit on a log axis").isFalse();
    }

    @Test
    void aChartWithARightAxisAndValuesSpanningDecadesStillRenders() {
        // speedup from 1 down to 0.02 (a busy second core) beside efficiency from 100 % to 1 %
        Chart chart = Charts.xy(new Charts.Plot("c", "Speedup", "CPUs", "speedup (x)", List.of(
                new Charts.Series("speedup", new double[] {1, 2}, new double[] {1, 0.02}, Charts.Style.LINE),
                new Charts.Series("efficiency", new double[] {1, 2}, new double[] {100, 1}, Charts.Style.LINE).onRight(),
                new Charts.Series("ideal", new double[] {1, 2}, new double[] {1, 2}, Charts.Style.REFERENCE)))
                .rightAxis("efficiency (%)", "0").panelSized());
        assertThat(chart.svg()).contains("<svg");
        assertThat(chart.inline()).startsWith("<svg").contains("role=\"img\"").contains("<title>");
    }

    @Test
    void theDescriptionListsEveryMeasuredPointAndNamesTheRest() {
        Chart chart = Charts.xy(new Charts.Plot("l", "Latency percentiles vs load", "concurrent requests", "latency (s)",
                List.of(new Charts.Series("p95", new double[] {1, 2, 4}, new double[] {0.84, 1.2, 2.5}, Charts.Style.LINE),
                        new Charts.Series("SLA p95", new double[] {1, 4}, new double[] {2, 2}, Charts.Style.LIMIT))));
        assertThat(chart.alt()).isEqualTo("Latency percentiles vs load. latency (s) against concurrent requests."
                + " p95 (measured): 1 -> 0.84, 2 -> 1.2, 4 -> 2.5. SLA p95 (limit at 2).");
        assertThat(chart.inline()).contains("aria-label=\"Latency percentiles vs load. latency (s) against concurrent"
                + " requests. p95 (measured): 1 -&gt; 0.84");
    }
}
