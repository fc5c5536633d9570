package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.analysis.CostTable;
import org.sttbench.plan.Plan;
import org.sttbench.results.RunResult;

/** The scaling-strategy report's numbers against values worked out by hand. */
class SizingInReportTest {
    @TempDir
    Path dir;

    /** 400 ms per request = 2.5 rps per pod; 10 rps at 70% utilization needs ceil(10 / 1.75) = ceil(5.71) = 6 pods. */
    @Test
    void tenRpsAtTwoAndAHalfPerPodNeedsSixPods() throws Exception {
        RunResult run = Fixtures.latencyOnly(new double[] {400, 400, 400, 400, 400}, new Plan.Sla(2000.0, 10.0, null, null));
        ReportOptions options = ReportOptions.defaults().withGeneratedAt(GoldenReportsTest.GENERATED_AT)
                .withPrices(new CostTable.Prices(0.05, 0.01));
        ScalingStrategy s = ReportInput.of(run, options).strategy();
        assertThat(s.pod().rpsPerPod()).isEqualTo(2.5);
        assertThat(s.sizing().podsByThroughput()).isEqualTo(6);
        assertThat(s.sizing().pods()).isEqualTo(6);
        // offered load a = 10 * 0.4 = 4 Erlangs; utilization 4 / 6
        assertThat(s.sizing().offeredLoad()).isEqualTo(4.0, Offset.offset(1e-9));
        assertThat(s.sizing().expectedUtilization()).isEqualTo(4.0 / 6, Offset.offset(1e-9));
        // Erlang C for c = 6, a = 4 by the Erlang B recurrence on paper: B6 = 0.11716, C = 6 B / (6 - 4 (1 - B)) = 0.2848
        assertThat(s.sizing().probabilityOfWaiting()).isEqualTo(0.2848, Offset.offset(5e-4));
        // one pod: 1 CPU, memory 280 / 0.7 = 400 -> 448 MiB (0.4375 GiB); hour = 1 * 0.05 + 0.4375 * 0.01 = 0.054375;
        // month = 6 pods * 0.054375 * 730 = 238.1625
        assertThat(s.pod().memoryMb()).isEqualTo(448);
        assertThat(s.costs()).singleElement().satisfies(c -> assertThat(c.monthlyCost())
                .isEqualTo(238.1625, Offset.offset(1e-6)));

        new Reports(Path.of("templates"), options).render(run, dir);
        String md = Files.readString(dir.resolve("scaling-strategy.md"));
        assertThat(md).contains("| pods for throughput | 6 | ceil(10 / (2.50 × 0.7)) |")
                .contains("| **pods** | **6** |")
                .contains("| offered load | 4.00 Erlangs |")
                .contains("| expected utilization | 66.7% |")
                .contains("| probability of waiting | 28.5% |")
                .contains("| 6 x 1 CPU | 6 | 1 | 0.44 | 6 | 0.33 | 238.16 |");
        String hpa = Files.readString(dir.resolve("k8s/hpa.yaml"));
        // low level 2.5 rps -> ceil(2.5 / 1.75) = 2 pods = the floor; peak 20 rps -> ceil(20 / 1.75) = 12 pods
        assertThat(hpa).contains("minReplicas: 2").contains("maxReplicas: 12");
    }

    @Test
    void latencyOverTheSlaWithoutCpuScalingAsksToOptimize() {
        RunResult run = Fixtures.latencyOnly(new double[] {1900, 1950, 2000, 2050, 2100}, new Plan.Sla(2000.0, 1.0, null, null));
        ScalingStrategy s = ReportInput.of(run, ReportOptions.defaults()).strategy();
        assertThat(s.decision().recommendation().name()).isEqualTo("OPTIMIZE");
        assertThat(s.sizing().podsBySla()).isNull();
        assertThat(s.sizing().notes()).anySatisfy(n -> assertThat(n).contains("cannot be met by adding pods"));
    }
}
