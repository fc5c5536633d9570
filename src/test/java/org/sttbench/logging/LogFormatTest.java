package org.sttbench.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sttbench.Json;

/** log4j2.xml: plain lines by default, one JSON object per line when STTBENCH_LOG_FORMAT=json. */
class LogFormatTest {
    /** Logs one line; run in a fresh JVM so log4j reads its configuration with the format asked for. */
    public static void main(String[] args) {
        LoggerFactory.getLogger("org.sttbench.test").warn("schedule nightly: skipped: previous nightly run still in progress");
    }

    private static String logOf(String format) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogFormatTest.class.getName());
        builder.environment().remove("STTBENCH_LOG_FORMAT");
        if (format != null) {
            builder.environment().put("STTBENCH_LOG_FORMAT", format);
        }
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }

    @Test
    void jsonFormatWritesOneParseableObjectPerLine() throws Exception {
        List<String> lines = logOf("json").lines().toList();

        assertThat(lines).hasSize(1);
        JsonNode event = Json.json().readTree(lines.get(0));
        assertThat(event.path("log.level").asText()).isEqualTo("WARN");
        assertThat(event.path("message").asText()).isEqualTo("schedule nightly: skipped: previous nightly run still in progress");
        assertThat(event.path("log.logger").asText()).isEqualTo("org.sttbench.test");
        assertThat(event.has("@timestamp")).isTrue();
    }

    @Test
    void textIsTheDefault() throws Exception {
        assertThat(logOf(null)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  test - schedule nightly: skipped: .*");
    }
}
