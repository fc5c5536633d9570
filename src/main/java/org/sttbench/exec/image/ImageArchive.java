package org.sttbench.exec.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.sttbench.Json;

/** A {@code docker load} archive of one layer: the layer, its image configuration, the manifest naming the tag. */
final class ImageArchive {
    /** The image configuration for the layer with this diff id ("sha256:..."). */
    @FunctionalInterface
    interface Config {
        byte[] forLayer(String diffId) throws IOException;
    }

    private ImageArchive() {
    }

    /**
     * An image configuration's root for this machine's architecture, its "config" object holding the
     * user and working folder; callers add the rest, then {@link #withLayer}.
     */
    static ObjectNode configRoot(String user) {
        ObjectNode root = Json.json().createObjectNode();
        root.put("architecture", JreBundle.dockerArchitecture());
        root.put("os", "linux");
        root.put("created", Instant.now().toString());
        ObjectNode config = root.putObject("config");
        config.put("User", user);
        config.put("WorkingDir", "/tmp");
        return root;
    }

    /** The configuration's bytes with its one layer named. */
    static byte[] withLayer(ObjectNode root, String diffId) throws IOException {
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        return Json.json().writeValueAsBytes(root);
    }

    /** Writes {@code entries} as the one layer of image {@code reference} to {@code archive}; {@code work} holds the layer meanwhile. */
    static void write(LayerTar entries, Path work, Path archive, String reference, Config config) throws IOException {
        Path layer = work.resolve("layer.tar");
        MessageDigest layerDigest = AppFiles.sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(layer), layerDigest)) {
            entries.writeTo(out);
        }
        String diffId = "sha256:" + HexFormat.of().formatHex(layerDigest.digest());
        byte[] configBytes = config.forLayer(diffId);
        String configName = HexFormat.of().formatHex(AppFiles.sha256().digest(configBytes)) + ".json";
        String layerName = diffId.substring("sha256:".length()) + "/layer.tar";
        ArrayNode manifest = Json.json().createArrayNode();
        ObjectNode image = manifest.addObject();
        image.put("Config", configName);
        image.putArray("RepoTags").add(reference);
        image.putArray("Layers").add(layerName);
        try (TarArchiveOutputStream tar = LayerTar.open(Files.newOutputStream(archive))) {
            LayerTar.writeBytes(tar, configName, configBytes, 0644);
            LayerTar.writeFile(tar, layerName, layer, 0644);
            LayerTar.writeBytes(tar, "manifest.json", Json.json().writeValueAsBytes(manifest), 0644);
        }
        Files.delete(layer);
    }
}
