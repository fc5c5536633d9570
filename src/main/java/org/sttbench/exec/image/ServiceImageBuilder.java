package org.sttbench.exec.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.sttbench.BadInputException;
import org.sttbench.FileTrees;

/**
 * Packages a native service binary (whisper.cpp's {@code whisper-server}, or any other) as a local image
 * without a registry: the binary, the shared libraries {@code ldd} says it needs, a passwd entry for a
 * non-root user, one layer, loaded with {@code docker load}. The model is not inside: executors mount it
 * read-only. The tag is a hash of the binary, so a rebuilt binary never reuses an old image.
 */
public final class ServiceImageBuilder {
    static final String BIN_DIR = "usr/local/bin";
    static final String USER = "10001:10001";

    private ServiceImageBuilder() {
    }

    /**
     * Loads {@code repository:<hash of the binary>} unless the engine already has it; returns the reference.
     *
     * @param binary the executable; it becomes the image's entrypoint, arguments go to the container's command
     */
    public static String build(DockerClient docker, Path binary, String repository) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new BadInputException("service binary " + binary + " does not exist or is not executable");
        }
        String reference;
        try {
            reference = repository + ":" + hash(binary).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + binary + ": " + e.getMessage(), e);
        }
        try {
            docker.inspectImageCmd(reference).exec();
            return reference;
        } catch (NotFoundException e) {
            // build it
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("sttbench-service-image-");
            Path archive = work.resolve("image.tar");
            writeArchive(binary, work, archive, reference);
            try (InputStream in = Files.newInputStream(archive)) {
                docker.loadImageCmd(in).exec();
            }
            docker.inspectImageCmd(reference).exec();   // fails here if the engine did not take it
            return reference;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the image of " + binary + ": " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    static void writeArchive(Path binary, Path work, Path archive, String reference) throws IOException {
        LayerTar entries = new LayerTar();
        String name = binary.getFileName().toString();
        entries.dir("tmp", 01777);
        entries.bytes("etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nservice:x:10001:10001::/tmp:/sbin/nologin\n"
                .getBytes(StandardCharsets.UTF_8), 0644);
        entries.bytes("etc/group", "root:x:0:\nservice:x:10001:\n".getBytes(StandardCharsets.UTF_8), 0644);
        entries.bytes("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n"
                .getBytes(StandardCharsets.UTF_8), 0644);
        entries.file(BIN_DIR + "/" + name, binary, 0755);
        for (Path library : JreBundle.sharedLibraryDependencies(List.of(binary))) {
            // under the path the loader asks for, as a plain file with symlinks resolved
            entries.file(library.toString().substring(1), library.toRealPath(), 0755);
        }
        ImageArchive.write(entries, work, archive, reference, diffId -> config(name, diffId));
    }

    private static byte[] config(String name, String diffId) throws IOException {
        ObjectNode root = ImageArchive.configRoot(USER);
        ObjectNode config = (ObjectNode) root.get("config");
        config.putArray("Env").add("PATH=/" + BIN_DIR + ":/usr/bin:/bin").add("HOME=/tmp");
        config.putArray("Entrypoint").add("/" + BIN_DIR + "/" + name);
        config.putObject("Labels").put("org.opencontainers.image.title", name + " (packaged by sttbench)");
        return ImageArchive.withLayer(root, diffId);
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = AppFiles.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
