package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;

class ApiDialectTest {
    @TempDir
    Path dir;

    private static RequestOutcome sendOne(LoadSpec spec, Map<String, String> env) {
        TranscriptionClient client = spec.newClient(env::get, DurationProbe.NONE);
        return client.send(client.workload().clip(0));
    }

    @Test
    void whispercppPostsToInferenceWithoutAModelField() throws Exception {
        try (var stub = new StubTranscriptionServer(1, ApiDialect.WHISPERCPP_PATH, i -> 200)) {
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 0.1))
                    .withApi(ApiDialect.parse("whispercpp", null, null, null, null, null, null, null));

            assertThat(spec.endpoints().asStrings()).containsExactly(stub.baseUrl() + "/inference");
            assertThat(sendOne(spec, Map.of()).status()).isEqualTo(200);
            String body = stub.lastBody.get();
            assertThat(body).contains("name=\"file\"; filename=\"clip.wav\"", "RIFF");
            assertThat(body).contains("name=\"response_format\"\r\n\r\njson\r\n");
            assertThat(body).contains("name=\"temperature\"\r\n\r\n0.0\r\n");
            assertThat(body).doesNotContain("name=\"model\"");
        }
    }

    @Test
    void aFullEndpointUrlIsUsedAsItIs() {
        // the URL a whisper.cpp user types: before dialects, /v1/audio/transcriptions was appended to it
        assertThat(LoadTargets.parse(List.of("http://127.0.0.1:9/inference"), ApiDialect.OPENAI_PATH).asStrings())
                .containsExactly("http://127.0.0.1:9/inference");
    }

    @Test
    void customDialectSendsItsPathFileFieldFieldsAndHeadersWithValuesFromTheEnvironment() throws Exception {
        try (var stub = new StubTranscriptionServer(1, "/api/stt", i -> 200)) {
            ApiDialect api = ApiDialect.parse("custom", "/api/stt", "audio", List.of("beam=5", "user=${STT_USER}"),
                    List.of("Authorization: Bearer ${STT_TOKEN}", "X-Tenant: blue"), null, "de", null);
            LoadSpec spec = LoadSpec.of(List.of(stub.baseUrl()), StubTranscriptionServer.silentWav(dir, 0.1))
                    .withApi(api);

            assertThat(sendOne(spec, Map.of("STT_TOKEN", "s3cr3t-tok", "STT_USER", "ann")).status()).isEqualTo(200);
            assertThat(stub.lastHeaders.get().getFirst("Authorization")).isEqualTo("Bearer s3cr3t-tok");
            assertThat(stub.lastHeaders.get().getFirst("X-Tenant")).isEqualTo("blue");
            assertThat(stub.lastBody.get()).contains("name=\"audio\"; filename=\"clip.wav\"",
                    "name=\"beam\"\r\n\r\n5\r\n", "name=\"user\"\r\n\r\nann\r\n", "name=\"language\"\r\n\r\nde\r\n");
            // what may be written anywhere: header names, never values; env-sourced fields as templates
            assertThat(api.toString()).contains("Authorization", "X-Tenant", "${STT_USER}")
                    .doesNotContain("Bearer", "blue", "s3cr3t");
            assertThat(api.describe().toString()).doesNotContain("Bearer", "blue");
        }
    }

    @Test
    void anUnsetVariableIsBadInputNamingTheVariableNotAValue() {
        ApiDialect api = ApiDialect.parse("openai", null, null, null,
                List.of("Authorization: Bearer ${OPENAI_API_KEY}"), null, null, null);
        assertThatThrownBy(() -> api.resolvedHeaders(Map.<String, String>of()::get))
                .isInstanceOf(BadInputException.class)
                .hasMessage("header Authorization names environment variable OPENAI_API_KEY, which is not set");
    }

    @Test
    void rejectsWhatCannotBeSent() {
        assertThatThrownBy(() -> ApiDialect.parse("custom", null, null, null, null, null, null, null))
                .hasMessageContaining("--path");
        assertThatThrownBy(() -> ApiDialect.parse("grpc", null, null, null, null, null, null, null))
                .hasMessageContaining("openai, whispercpp or custom");
        assertThatThrownBy(() -> ApiDialect.parse("whispercpp", null, null, null, null, "base", null, null))
                .hasMessageContaining("no model field");
        assertThatThrownBy(() -> ApiDialect.parse("openai", null, null, null, List.of("Content-Length: 3"), null,
                null, null)).hasMessageContaining("sets it itself");
        // a malformed header may carry a secret: the message must not echo it
        assertThatThrownBy(() -> ApiDialect.parse("openai", null, null, null, List.of("Bearer-sk-123"), null,
                null, null)).isInstanceOf(BadInputException.class).message().doesNotContain("sk-123");
    }

    @Test
    void everyRequestAnswered404IsOneLineNamingThePathTried() {
        String line = FailureDiagnosis.everyRequestFailed(Map.of("http_404", 3L),
                List.of("http://127.0.0.1:9/v1/audio/transcriptions"), "openai");
        assertThat(line).doesNotContain("\n").contains("http://127.0.0.1:9/v1/audio/transcriptions", "http_404=3",
                "'openai'", "--api");
    }
}
