package org.sttbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.OneLine;

/** Reads a results.json a user points at, with one-line reasons for everything that can be wrong with it. */
public final class ResultsFiles {
    private ResultsFiles() {
    }

    /**
     * @throws BadInputException when the file is missing, not JSON, of another schema version, or not a results document
     */
    public static RunResult read(Path file) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file; give the results.json of a run (outbox/<run-id>/results.json)");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": not a file; give the results.json of a run (outbox/<run-id>/results.json)");
        }
        JsonNode node;
        try {
            node = Json.json().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new BadInputException(file + ": not JSON" + where + "; give the results.json of a run");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(file + ": not a results document (expected a JSON object with schema_version, run_id and units)");
        }
        JsonNode version = node.get("schema_version");
        if (version == null || !version.canConvertToInt()) {
            throw new BadInputException(file + ": no schema_version; this is not an sttbench results.json");
        }
        if (version.asInt() != RunResult.SCHEMA_VERSION) {
            throw new BadInputException(file + ": schema_version " + version.asText() + " is not supported (this sttbench reads "
                    + RunResult.SCHEMA_VERSION + "); render it with the sttbench version that wrote it");
        }
        if (!node.path("run_id").isTextual() || !node.path("units").isArray()) {
            throw new BadInputException(file + ": not a results document (run_id or units missing)");
        }
        try {
            return Json.json().treeToValue(node, RunResult.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadInputException(file + ": not a valid results document: " + OneLine.firstLine(message, ""));
        }
    }
}
