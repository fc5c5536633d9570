package org.sttbench.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sttbench.Json;

/** {@code analysis.capacity}: where the search ran, then the result (shape in docs/results-schema.md). */
public final class CapacityJson {
    private CapacityJson() {
    }

    public static ObjectNode of(List<String> targets, String audio, CapacityResult result) {
        ObjectNode node = Json.json().createObjectNode();
        node.put("target", String.join(",", targets));
        if (audio != null) {
            node.put("audio", audio);
        }
        node.setAll((ObjectNode) Json.json().valueToTree(result));
        return node;
    }
}
