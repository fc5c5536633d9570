package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.BadInputException;

class LoadTargetsTest {
    @Test
    void appendsTheTranscriptionPathUnlessPresent() {
        LoadTargets t = LoadTargets.parse(List.of("http://127.0.0.1:8000", "http://127.0.0.1:8001/",
                "http://127.0.0.1:8002/v1/audio/transcriptions"));

        assertThat(t.asStrings()).containsExactly("http://127.0.0.1:8000/v1/audio/transcriptions",
                "http://127.0.0.1:8001/v1/audio/transcriptions", "http://127.0.0.1:8002/v1/audio/transcriptions");
        assertThat(List.of(t.next(), t.next(), t.next(), t.next()).stream().map(Object::toString))
                .containsExactly(t.asStrings().get(0), t.asStrings().get(1), t.asStrings().get(2),
                        t.asStrings().get(0));
    }

    @Test
    void credentialsInAUrlNeverShow() {
        assertThat(LoadTargets.parse(List.of("https://ann:pa55@example.com:8443")).asStrings())
                .containsExactly("https://example.com:8443/v1/audio/transcriptions");
    }

    @Test
    void rejectsUnusableUrls() {
        assertThatThrownBy(() -> LoadTargets.parse(List.of("127.0.0.1:8000"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> LoadTargets.parse(List.of("http://bad host"))).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> LoadTargets.parse(List.of())).isInstanceOf(BadInputException.class);
    }

    @Test
    void parsesRampStages() {
        assertThat(RateStage.parseRamp("2:10, 5.5:3")).containsExactly(new RateStage(2, 10), new RateStage(5.5, 3));
        assertThatThrownBy(() -> RateStage.parseRamp("2-10")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> RateStage.parseRamp("0:10")).isInstanceOf(BadInputException.class);
    }
}
