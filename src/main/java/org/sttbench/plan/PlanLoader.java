package org.sttbench.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a plan from YAML or JSON and checks it against the plan schema, reporting every violation.
 * Values the schema cannot express (CPU counts beyond what an executor can give, for instance) are
 * checked where the plan is expanded.
 */
public final class PlanLoader {
    public static final String SCHEMA_RESOURCE = "/schema/plan.schema.json";
    /** Plans are a few hundred bytes; anything near this is a mistake, refused before it is parsed. */
    public static final long DEFAULT_MAX_BYTES = 2L << 20;
    private static final JsonSchema SCHEMA = loadSchema();

    private final long maxBytes;
    private final ObjectMapper yaml;
    private final ObjectMapper json;

    public PlanLoader() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes larger plan files are refused unread; YAML's code-point limit follows it */
    public PlanLoader(long maxBytes) {
        this.maxBytes = maxBytes;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(1024, maxBytes)));
        // a plan has no use for anchors; a few are allowed, a billion-laughs document is not
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(50);
        options.setAllowDuplicateKeys(false);
        this.yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public Plan load(Path file) {
        String source = file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidPlanException(source, List.of(file + " is a folder, not a plan file"));
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidPlanException(source, List.of("the file is " + size + " bytes; a plan may have at most "
                        + maxBytes));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidPlanException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return parse(TextEncoding.utf8(bytes, source), source);
    }

    /** @param source a name for messages; ".json" picks the JSON parser, anything else YAML */
    public Plan parse(String text, String source) {
        ObjectMapper mapper = source.endsWith(".json") ? json : yaml;
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
