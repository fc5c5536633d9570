package org.sttbench.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sttbench.BadInputException;

/**
 * A folder of ggml Whisper models named {@code ggml-<name>.bin}.
 *
 * <p>Where: system property {@value #DIR_PROPERTY}, else environment variable {@value #DIR_ENV}, else
 * {@code $XDG_CACHE_HOME/sttbench/models}, else {@code ~/.cache/sttbench/models}.
 *
 * <p>A model's SHA-256 is cached next to it in {@code <file>.sha256} (one line: hex digest, size in bytes,
 * modification time in ms) and reused while size and modification time match, so a large model is hashed once.
 */
public final class ModelStore {
    public static final String DIR_PROPERTY = "sttbench.models.dir";
    public static final String DIR_ENV = "STTBENCH_MODELS_DIR";
    static final String SIDECAR_SUFFIX = ".sha256";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path dir;

    public ModelStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public static ModelStore fromEnvironment() {
        return new ModelStore(defaultDir(System.getProperties(), System.getenv()));
    }

    static Path defaultDir(Properties props, Map<String, String> env) {
        String property = props.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String fromEnv = env.get(DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(props.getProperty("user.home", "."), ".cache");
        return cache.resolve("sttbench").resolve("models");
    }

    public Path dir() {
        return dir;
    }

    /** Where the model {@code name} is (or would be) stored. */
    public Path pathFor(String name) {
        requireName(name);
        return dir.resolve("ggml-" + name + ".bin");
    }

    static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    static void requireName(String name) {
        if (!isName(name)) {
            throw new BadInputException("not a model name: '" + name + "' (letters, digits, '.', '_' and '-' only)");
        }
    }

    /**
     * An existing file path is described as it is; a name is looked up as {@code <dir>/ggml-<name>.bin}.
     *
     * @throws BadInputException when there is no such file or model, or it is not a ggml Whisper model
     */
    public ModelInfo resolve(String nameOrPath) {
        Path file = locate(nameOrPath);
        return file.equals(storedPath(nameOrPath)) ? describe(file, nameOrPath) : describe(file);
    }

    /**
     * The file a model name or path stands for, without reading it (no hash): for commands that should
     * say a model is missing before they start anything.
     */
    public Path locate(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new BadInputException("no model given; name one in the store (e.g. tiny) or a ggml .bin file");
        }
        Path asPath = null;
        try {
            asPath = Path.of(nameOrPath);
        } catch (InvalidPathException ignored) {
            // not a path: only a store name can match
        }
        if (asPath != null && Files.isRegularFile(asPath)) {
            return asPath;
        }
        if (isName(nameOrPath)) {
            Path stored = pathFor(nameOrPath);
            if (Files.isRegularFile(stored)) {
                return stored;
            }
            if (!nameOrPath.endsWith(".bin")) {
                throw new BadInputException("model not found: " + nameOrPath + " (looked in " + dir
                        + "); try: sttbench models pull " + nameOrPath + ", or models synth " + nameOrPath);
            }
        }
        throw new BadInputException("model file not found: " + nameOrPath
                + "; give an existing ggml .bin file or a model name (try: sttbench models list)");
    }

    private Path storedPath(String nameOrPath) {
        return isName(nameOrPath) ? pathFor(nameOrPath) : null;
    }

    /** Size, SHA-256 and synthetic flag of a model file; the name is the file name without extension. */
    public ModelInfo describe(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String fileName = abs.getFileName().toString();
        String name = fileName.endsWith(".bin") ? fileName.substring(0, fileName.length() - 4) : fileName;
        if (dir.equals(abs.getParent()) && name.startsWith("ggml-")) {
            name = name.substring("ggml-".length());
        }
        return describe(abs, name);
    }

    private ModelInfo describe(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("model file not found: " + file);
        }
        GgmlHeader header = GgmlHeader.read(file);
        try {
            long size = Files.size(file);
            return new ModelInfo(name, file, size, sha256(file), header.synthetic());
        } catch (IOException e) {
            throw new BadInputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The models in the store, by name; files that are not ggml Whisper models are left out. */
    public List<ModelInfo> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ModelInfo> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("ggml-") && n.endsWith(".bin") && Files.isRegularFile(f)) {
                    try {
                        models.add(describe(f));
                    } catch (BadInputException skipped) {
                        // a stray or broken file is not a model; resolve() reports it if someone asks for it
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return models;
    }

    /** SHA-256 of {@code file}, from its sidecar when size and modification time still match. */
    static String sha256(Path file) throws IOException {
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        Path sidecar = file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
        try {
            String[] parts = Files.readString(sidecar, StandardCharsets.US_ASCII).trim().split("\\s+");
            if (parts.length == 3 && parts[0].matches("[0-9a-f]{64}")
                    && Long.parseLong(parts[1]) == size && Long.parseLong(parts[2]) == mtime) {
                return parts[0];
            }
        } catch (NoSuchFileException | NumberFormatException ignored) {
            // no usable cache: hash below
        }
        String hex = digest(file, "SHA-256");
        writeSidecar(file, hex);
        return hex;
    }

    /** Caches a digest computed elsewhere (the downloader hashes while it streams). */
    static void writeSidecar(Path file, String sha256Hex) {
        try {
            long size = Files.size(file);
            long mtime = Files.getLastModifiedTime(file).toMillis();
            Path sidecar = file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + sidecar.getFileName(), ".part");
            try {
                makeWorldReadable(tmp);
                Files.writeString(tmp, sha256Hex + " " + size + " " + mtime + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException ignored) {
            // a read-only folder only costs re-hashing next time
        }
    }

    /** Temporary files are created owner-only; a finished model is readable by all, like any download. */
    static void makeWorldReadable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: its defaults apply
        }
    }

    static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md = newDigest(algorithm);
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
