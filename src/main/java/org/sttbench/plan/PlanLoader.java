package org.sttbench.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.sttbench.Json;

/**
 * Reads a plan from YAML or JSON and checks it against the plan schema, reporting every violation.
 * Values the schema cannot express (CPU counts beyond what an executor can give, for instance) are
 * checked where the plan is expanded.
 */
public final class PlanLoader {
    public static final String SCHEMA_RESOURCE = "/schema/plan.schema.json";
    private static final JsonSchema SCHEMA = loadSchema();

    public Plan load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidPlanException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return parse(text, file.getFileName().toString());
    }

    /** @param source a name for messages; ".json" picks the JSON parser, anything else YAML */
    public Plan parse(String text, String source) {
        ObjectMapper mapper = source.endsWith(".json") ? Json.json() : Json.yaml();
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new InvalidPlanException(source, List.of("malformed " + (source.endsWith(".json") ? "JSON" : "YAML")
                    + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("")));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidPlanException(source, List.of("the plan is empty"));
        }
        List<String> problems = validate(node);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source, problems);
        }
        normaliseLists((ObjectNode) node, "model");
        normaliseLists((ObjectNode) node, "audio");
        if (node.get("service") instanceof ObjectNode service && service.path("api").isTextual()) {
            // `api: whispercpp` is short for `api: {dialect: whispercpp}`
            String dialect = service.get("api").asText();
            service.putObject("api").put("dialect", dialect);
        }
        try {
            return Json.json().treeToValue(node, Plan.class);
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(source, List.of(e.getOriginalMessage()));
        }
    }

    /** Every schema violation as "path: message", sorted so reason files are stable. */
    public static List<String> validate(JsonNode node) {
        Set<ValidationMessage> messages = SCHEMA.validate(node);
        List<String> problems = new ArrayList<>();
        messages.stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .forEach(m -> problems.add(m.getMessage()));
        return problems;
    }

    private static void normaliseLists(ObjectNode plan, String field) {
        JsonNode value = plan.get(field);
        if (value != null && value.isTextual()) {
            ArrayNode list = plan.arrayNode();
            list.add(value.asText());
            plan.set(field, list);
        }
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = PlanLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            JsonNode schema = Json.json().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException("plan schema missing from the application: " + SCHEMA_RESOURCE, e);
        }
    }
}
