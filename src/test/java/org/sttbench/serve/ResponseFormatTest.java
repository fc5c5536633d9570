package org.sttbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttbench.Json;

class ResponseFormatTest {
    @Test
    void verboseJsonKeepsSegmentTimesInsideTheClip() throws Exception {
        // whisper.cpp without timestamp tokens reported a start of -1007.28 s for a 5 s clip
        ServedTranscription t = new ServedTranscription("hi", List.of(new ServedTranscription.Segment(-1_007_280, 30_000,
                "hi")), "en", 5.0, 1);

        JsonNode seg = Json.json().readTree(ResponseFormat.VERBOSE_JSON.render(t)).path("segments").get(0);
        assertThat(seg.path("start").asDouble()).isEqualTo(0.0);
        assertThat(seg.path("end").asDouble()).isEqualTo(5.0);
    }

    @Test
    void parsesKnownFormatsOnly() {
        assertThat(ResponseFormat.parse(null)).isEqualTo(ResponseFormat.JSON);
        assertThat(ResponseFormat.parse("Verbose_JSON")).isEqualTo(ResponseFormat.VERBOSE_JSON);
        assertThat(ResponseFormat.parse("xml")).isNull();
    }
}
