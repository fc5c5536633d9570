package org.sttbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostTableTest {
    private final CostTable table = new CostTable(new CostTable.Prices(0.04, 0.005));

    @Test
    void monthlyCostPerOption() {
        // 2 pods x 4 CPUs x 4 GiB: 2 x (0.16 + 0.02) = 0.36 / h; x 730 = 262.8
        // 4 pods x 2 CPUs x 2 GiB: 4 x (0.08 + 0.01) = 0.36 / h as well: same cores, same memory
        List<CostTable.OptionCost> rows = table.table(List.of(new CostTable.Option("few big", 2, 4, 4),
                new CostTable.Option("many small", 4, 2, 2)));
        assertThat(rows.get(0).hourlyCost()).isCloseTo(0.36, within(1e-12));
        assertThat(rows.get(0).monthlyCost()).isCloseTo(262.8, within(1e-9));
        assertThat(rows.get(0).totalCpus()).isEqualTo(8);
        assertThat(rows.get(1).monthlyCost()).isCloseTo(262.8, within(1e-9));
        assertThat(rows.get(1).currency()).isEqualTo("USD");
    }

    @Test
    void costPerThousandAudioMinutes() {
        // pod 2 CPUs + 2 GiB = 0.09 / h; RTF 0.25, one slot: 60 / 0.25 = 240 audio minutes per hour
        // 0.09 / 240 * 1000 = 0.375; at 50% utilization twice that
        assertThat(table.per1000AudioMinutes(2, 2, 0.25, 1, 1.0)).isCloseTo(0.375, within(1e-12));
        assertThat(table.per1000AudioMinutes(2, 2, 0.25, 1, 0.5)).isCloseTo(0.75, within(1e-12));
        assertThat(table.per1000AudioMinutes(2, 2, 0.25, 2, 1.0)).isCloseTo(0.1875, within(1e-12));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new CostTable(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CostTable(new CostTable.Prices(-1, 0))).hasMessageContaining("per_core_hour");
        assertThatThrownBy(() -> table.per1000AudioMinutes(2, 2, 0, 1, 1)).hasMessageContaining("rtf");
        assertThatThrownBy(() -> table.table(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
