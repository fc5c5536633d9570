package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sttbench.BadInputException;

class MaxTimeTest {
    @Test
    void readsIsoAndShortForms() {
        assertThat(MaxTime.parse("PT6H", "k")).isEqualTo(Duration.ofHours(6));
        assertThat(MaxTime.parse("pt90m", "k")).isEqualTo(Duration.ofMinutes(90));
        assertThat(MaxTime.parse(" 45s ", "k")).isEqualTo(Duration.ofSeconds(45));
        assertThat(MaxTime.parse("2h", "k")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void rejectsNonsenseInOneLineNamingTheSetting() {
        assertThatThrownBy(() -> MaxTime.parse("soon", "sttbench.once.max-time"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("invalid sttbench.once.max-time 'soon': give a positive duration such as PT6H, 90m, 2h or 45s");
        assertThatThrownBy(() -> MaxTime.parse("0s", "k")).isInstanceOf(BadInputException.class);
    }
}
