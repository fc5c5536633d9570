package org.sttbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** --outbox, shared by every command that writes results or reports. */
public final class OutboxOption {
    @Option(names = "--outbox", paramLabel = "DIR", description = "where results and reports go (default: outbox)")
    Path outbox;

    Map<String, String> overrides() {
        Map<String, String> map = new LinkedHashMap<>();
        if (outbox != null) {
            map.put("sttbench.outbox", outbox.toAbsolutePath().toString());
        }
        return map;
    }

    Path resolved() {
        return outbox == null ? Path.of("outbox").toAbsolutePath() : outbox.toAbsolutePath();
    }
}
