package org.sttbench.exec.image;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The application as the worker image carries it: the classpath this JVM runs with (the jar and
 * lib/ of an installation, or target/classes and the dependency jars under a test) and the editable
 * folders of the installation. Because the image is made from the code that is running, a worker in a
 * container is the same build as the orchestrator that starts it.
 *
 * @param version   the application version, "dev" when not run from the packaged jar
 * @param classpath jars and class folders, in classpath order
 * @param home      the installation folder holding routes/, templates/ and plans/
 */
public record AppFiles(String version, List<Path> classpath, Path home) {
    /** Where the application lives inside the image. */
    public static final String APP_DIR = "/app";
    static final List<String> HOME_FOLDERS = List.of("routes", "templates", "plans");

    public static AppFiles current(Path home) {
        return new AppFiles(appVersion(), runningClasspath(), home.toAbsolutePath().normalize());
    }

    /** Image path (without the leading slash) to host file, sorted; what the image holds of the app. */
    public Map<String, Path> layout() {
        Map<String, Path> files = new TreeMap<>();
        Set<String> jarNames = new LinkedHashSet<>();
        int dirIndex = 0;
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                String prefix = "app/classes/" + dirIndex++ + "/";
                walk(entry).forEach(f -> files.put(prefix + slashed(entry.relativize(f)), f));
            } else if (Files.isRegularFile(entry)) {
                String name = entry.getFileName().toString();
                // two jars of one name from different folders must both survive
                String unique = jarNames.add(name) ? name : jarNames.size() + "-" + name;
                jarNames.add(unique);
                files.put("app/lib/" + unique, entry);
            }
        }
        for (String folder : HOME_FOLDERS) {
            Path dir = home.resolve(folder);
            if (Files.isDirectory(dir)) {
                walk(dir).forEach(f -> files.put("app/" + folder + "/" + slashed(dir.relativize(f)), f));
            }
        }
        // the bundled clips at /audio, where a Kubernetes worker looks for audio when no audio claim is set,
        // so plans naming test_audio/ run in a cluster as they do here
        Path clips = home.resolve("test_audio");
        if (Files.isDirectory(clips)) {
            walk(clips).filter(f -> f.getParent().equals(clips) && !f.getFileName().toString().endsWith(".sh")
                            && !f.getFileName().toString().equals("README.md"))
                    .forEach(f -> files.put("audio/" + f.getFileName(), f));
        }
        return files;
    }

    /** The java -cp value inside the image, in the original classpath order. */
    public String containerClasspath() {
        List<String> parts = new ArrayList<>();
        int dirIndex = 0;
        boolean jars = false;
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                parts.add(APP_DIR + "/classes/" + dirIndex++);
            } else {
                jars = true;
            }
        }
        if (jars) {
            parts.add(APP_DIR + "/lib/*");
        }
        return String.join(":", parts);
    }

    /** SHA-256 over every file's image path and content: equal hashes mean equal images. */
    public String contentHash(String salt) {
        MessageDigest digest = sha256();
        digest.update(salt.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<String, Path> file : layout().entrySet()) {
            digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(file.getValue())) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.getValue(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version Maven stamped into the jar, "dev" for classes run from an IDE or a test. */
    static String appVersion() {
        try (InputStream in = AppFiles.class.getResourceAsStream("/META-INF/maven/org.sttbench/sttbench/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String fromManifest = AppFiles.class.getPackage().getImplementationVersion();
        return fromManifest == null ? "dev" : fromManifest;
    }

    /**
     * This JVM's classpath with wildcards and manifest-only jars (as test runners use) expanded;
     * test class folders are left out.
     */
    static List<Path> runningClasspath() {
        String raw = System.getProperty("surefire.test.class.path");
        if (raw == null || raw.isBlank()) {
            raw = System.getProperty("java.class.path", "");
        }
        Set<Path> entries = new LinkedHashSet<>();
        for (String part : raw.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            if (part.endsWith("*")) {
                Path dir = Path.of(part.substring(0, part.length() - 1)).toAbsolutePath().normalize();
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
                } catch (IOException e) {
                    // a wildcard over a missing folder adds nothing, as for java itself
                }
                continue;
            }
            Path path = Path.of(part).toAbsolutePath().normalize();
            List<Path> fromManifest = manifestClasspath(path);
            if (fromManifest.isEmpty()) {
                entries.add(path);
            } else {
                entries.addAll(fromManifest);
            }
        }
        return entries.stream()
                .filter(Files::exists)
                .filter(p -> !p.getFileName().toString().equals("test-classes"))
                .toList();
    }

    /** The Class-Path of a jar that holds nothing else (a launcher jar); empty for a normal jar. */
    private static List<Path> manifestClasspath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            boolean onlyManifest = file.stream().noneMatch(e -> e.getName().endsWith(".class"));
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (!onlyManifest || classPath == null) {
                return List.of();
            }
            List<Path> entries = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                try {
                    URI uri = jar.getParent().toUri().resolve(url);
                    entries.add(Path.of(uri).normalize());
                } catch (RuntimeException e) {
                    // an entry that is not a file URL cannot go into an image
                }
            }
            return entries;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(File.separatorChar, '/');
    }
}
