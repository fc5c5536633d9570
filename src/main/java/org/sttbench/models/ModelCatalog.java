package org.sttbench.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sttbench.Json;

/**
 * The standard whisper.cpp ggml models by name, with their published SHA-1 checksums. The data lives in the
 * resource {@code models/catalog.json} (its {@code source} field names where the names and checksums were
 * published); tests build their own catalog with the constructor.
 */
public final class ModelCatalog {
    private static final String RESOURCE = "/models/catalog.json";
    private final Map<String, CatalogEntry> entries = new LinkedHashMap<>();

    public ModelCatalog(List<CatalogEntry> entries) {
        for (CatalogEntry e : entries) {
            this.entries.put(e.name(), e);
        }
    }

    /** The catalog shipped with sttbench. */
    public static ModelCatalog standard() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            JsonNode root = Json.json().readTree(in);
            List<CatalogEntry> list = new ArrayList<>();
            for (JsonNode m : root.path("models")) {
                list.add(Json.json().treeToValue(m, CatalogEntry.class));
            }
            return new ModelCatalog(list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public Optional<CatalogEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }
}
