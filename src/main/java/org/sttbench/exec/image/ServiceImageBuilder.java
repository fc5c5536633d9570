package org.sttbench.exec.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.sttbench.BadInputException;
import org.sttbench.Json;

/**
 * Packages a native service binary (whisper.cpp's {@code whisper-server}, or any other) as a local image
 * without a registry: the binary, the shared libraries {@code ldd} says it needs, a passwd entry for a
 * non-root user, one layer, loaded with {@code docker load}. The model is not inside: executors mount it
 * read-only. The tag is a hash of the binary, so a rebuilt binary never reuses an old image.
 */
public final class ServiceImageBuilder {
    static final String BIN_DIR = "usr/local/bin";
    static final String USER = "10001:10001";
    private static final long FIXED_MTIME_MS = 946_684_800_000L;   // 2000-01-01: the layer is reproducible

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
            delete(work);
        }
    }

    static void writeArchive(Path binary, Path work, Path archive, String reference) throws IOException {
        Path layer = work.resolve("layer.tar");
        MessageDigest digest = sha256();
        String name = binary.getFileName().toString();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(layer), digest);
             TarArchiveOutputStream tar = tar(out)) {
            Set<String> dirs = new TreeSet<>();
            dir(tar, dirs, "tmp", 01777);
            bytes(tar, dirs, "etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nservice:x:10001:10001::/tmp:/sbin/nologin\n", 0644);
            bytes(tar, dirs, "etc/group", "root:x:0:\nservice:x:10001:\n", 0644);
            bytes(tar, dirs, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n", 0644);
            file(tar, dirs, BIN_DIR + "/" + name, binary, 0755);
            for (Path library : sharedLibraries(binary)) {
                // under the path the loader asks for, as a plain file with symlinks resolved
                file(tar, dirs, library.toString().substring(1), library.toRealPath(), 0755);
            }
        }
        String diffId = "sha256:" + HexFormat.of().formatHex(digest.digest());
        ObjectNode root = Json.json().createObjectNode();
        root.put("architecture", WorkerImageBuilder.dockerArchitecture());
        root.put("os", "linux");
        root.put("created", Instant.now().toString());
        ObjectNode config = root.putObject("config");
        config.put("User", USER);
        config.put("WorkingDir", "/tmp");
        config.putArray("Env").add("PATH=/" + BIN_DIR + ":/usr/bin:/bin").add("HOME=/tmp");
        config.putArray("Entrypoint").add("/" + BIN_DIR + "/" + name);
        config.putObject("Labels").put("org.opencontainers.image.title", name + " (packaged by sttbench)");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        byte[] configBytes = Json.json().writeValueAsBytes(root);
        String configName = HexFormat.of().formatHex(sha256().digest(configBytes)) + ".json";
        String layerName = diffId.substring("sha256:".length()) + "/layer.tar";
        ArrayNode manifest = Json.json().createArrayNode();
        ObjectNode image = manifest.addObject();
        image.put("Config", configName);
        image.putArray("RepoTags").add(reference);
        image.putArray("Layers").add(layerName);
        try (TarArchiveOutputStream tar = tar(Files.newOutputStream(archive))) {
            Set<String> none = new TreeSet<>();
            bytes(tar, none, configName, configBytes, 0644);
            file(tar, none, layerName, layer, 0644);
            bytes(tar, none, "manifest.json", Json.json().writeValueAsBytes(manifest), 0644);
        }
        Files.delete(layer);
    }

    /** What {@code ldd} resolves for the binary, the dynamic loader included. */
    static List<Path> sharedLibraries(Path binary) throws IOException {
        Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            ldd.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Path> paths = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.contains("not found")) {
                throw new BadInputException(binary + " needs a library this machine lacks: " + line.strip());
            }
            String[] parts = line.strip().split("\\s+");
            String candidate = line.contains("=>") && parts.length >= 3 ? parts[2] : parts[0];
            if (candidate.startsWith("/")) {
                paths.add(Path.of(candidate));
            }
        }
        return paths;
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TarArchiveOutputStream tar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    private static void parents(TarArchiveOutputStream tar, Set<String> dirs, String name) throws IOException {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            dir(tar, dirs, name.substring(0, slash), 0755);
        }
    }

    private static void dir(TarArchiveOutputStream tar, Set<String> dirs, String name, int mode) throws IOException {
        if (!dirs.add(name)) {
            return;
        }
        parents(tar, dirs, name);
        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, Set<String> dirs, String name, Path file, int mode)
            throws IOException {
        parents(tar, dirs, name);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, Set<String> dirs, String name, String text, int mode)
            throws IOException {
        bytes(tar, dirs, name, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    private static void bytes(TarArchiveOutputStream tar, Set<String> dirs, String name, byte[] content, int mode)
            throws IOException {
        parents(tar, dirs, name);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
