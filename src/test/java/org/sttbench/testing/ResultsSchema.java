package org.sttbench.testing;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.sttbench.Json;

/** Checks a results.json written by a real run against the published results schema. */
public final class ResultsSchema {
    private ResultsSchema() {
    }

    public static List<String> problems(Path resultsFile) {
        try (InputStream in = ResultsSchema.class.getResourceAsStream("/schema/results.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Json.json().readTree(in));
            return schema.validate(Json.json().readTree(resultsFile.toFile())).stream()
                    .map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
