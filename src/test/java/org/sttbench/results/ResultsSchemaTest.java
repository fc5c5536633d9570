package org.sttbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttbench.Json;
import org.sttbench.report.FixtureAccess;

/** results.schema.json describes what the Outbox writes: every fixture (written with the same mapper) validates. */
class ResultsSchemaTest {
    static JsonSchema schema() throws Exception {
        try (InputStream in = ResultsSchemaTest.class.getResourceAsStream("/schema/results.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.json().readTree(in));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nightly-docker", "audio-local", "arm-small"})
    void fixturesValidate(String name) throws Exception {
        JsonNode doc = Json.json().readTree(FixtureAccess.file(name).toFile());
        Set<ValidationMessage> problems = schema().validate(doc);
        assertThat(problems).as(name).isEmpty();
    }

    @Test
    void aDocumentAsTheOutboxWritesItValidates() throws Exception {
        // round trip through the record, as Outbox.write does
        JsonNode doc = Json.json().valueToTree(FixtureAccess.load("nightly-docker"));
        assertThat(schema().validate(doc)).isEmpty();
    }

    @Test
    void brokenDocumentsAreRejected() throws Exception {
        ObjectNode doc = (ObjectNode) Json.json().readTree(FixtureAccess.file("arm-small").toFile());
        doc.put("schema_version", 2);
        ((ObjectNode) doc.path("units").get(0)).put("status", "maybe");
        ((ObjectNode) doc.path("analysis").path("cpu_scaling").path("tiny")).put("answer", "LOTS");
        Set<ValidationMessage> problems = schema().validate(doc);
        assertThat(problems).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("schema_version"))
                .anySatisfy(m -> assertThat(m).contains("status"))
                .anySatisfy(m -> assertThat(m).contains("answer"));
    }
}
