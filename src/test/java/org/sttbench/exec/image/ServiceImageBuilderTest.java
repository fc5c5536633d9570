package org.sttbench.exec.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;

/** A native binary packaged for `docker load`: its libraries, a non-root user, the binary as entrypoint. */
class ServiceImageBuilderTest {
    @Test
    void theArchiveHoldsTheBinaryItsLibrariesAndAnEntrypoint(@TempDir Path dir) throws Exception {
        Path binary = Path.of("/bin/ls");   // any dynamically linked executable of this machine
        Path archive = dir.resolve("image.tar");
        ServiceImageBuilder.writeArchive(binary, Files.createDirectories(dir.resolve("work")), archive, "svc:test");

        Map<String, byte[]> outer = entries(Files.newInputStream(archive));
        JsonNode manifest = Json.json().readTree(outer.get("manifest.json"));
        assertThat(manifest.get(0).get("RepoTags").get(0).asText()).isEqualTo("svc:test");
        JsonNode config = Json.json().readTree(outer.get(manifest.get(0).get("Config").asText()));
        assertThat(config.get("config").get("Entrypoint").get(0).asText()).isEqualTo("/usr/local/bin/ls");
        assertThat(config.get("config").get("User").asText()).isEqualTo("10001:10001");
        Set<String> layer = new TreeSet<>(entries(new ByteArrayInputStream(
                outer.get(manifest.get(0).get("Layers").get(0).asText()))).keySet());
        assertThat(layer).contains("usr/local/bin/ls", "etc/passwd", "tmp/");
        // the loader and libc came along, under the paths ldd named
        assertThat(layer.stream().anyMatch(n -> n.contains("ld-linux"))).as(layer.toString()).isTrue();
        assertThat(layer.stream().anyMatch(n -> n.contains("libc.so"))).as(layer.toString()).isTrue();
        assertThat(Files.exists(dir.resolve("work/layer.tar"))).isFalse();
    }

    private static Map<String, byte[]> entries(InputStream in) throws Exception {
        Map<String, byte[]> found = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                found.put(e.getName(), tar.readAllBytes());
            }
        }
        return found;
    }
}
