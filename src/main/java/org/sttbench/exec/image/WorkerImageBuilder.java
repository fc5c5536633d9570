package org.sttbench.exec.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.OneLine;
import org.sttbench.bench.WorkerProtocol;

/**
 * Builds the worker image without a registry and without the network: a JRE cut down with jlink, the
 * few host libraries it and the whisper.cpp natives link against (found with ldd), and the running
 * application, packed as one image layer and handed to the engine with {@code docker load}.
 *
 * <p>{@code docker load} rather than {@code docker import}: an imported root file system has no
 * entrypoint, user or environment, and docker-java's import command cannot pass the changes that would
 * add them; a loaded archive carries a full image configuration.
 *
 * <p>The tag is the application version plus a hash of everything that goes in, so an unchanged
 * installation maps to the image already built, and a changed one never silently reuses an old image.
 * The ffmpeg binary that jave unpacks at run time goes to /tmp, which is writable (mode 1777) in the
 * container's own file system, so compressed audio works in the container as it does on the host.
 */
public final class WorkerImageBuilder {
    public static final String DEFAULT_REPOSITORY = "sttbench-worker";
    /** Changes whenever the image layout below changes, so old tags are not reused for a new layout. */
    private static final String LAYOUT_VERSION = "3";
    static final String JAVA_HOME = "/opt/java";
    static final String USER = "10001:10001";
    static final List<String> MODULES = List.of(
            "java.base", "java.compiler", "java.datatransfer", "java.desktop", "java.instrument", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.prefs", "java.scripting", "java.security.jgss",
            "java.sql", "java.xml", "jdk.crypto.ec", "jdk.management", "jdk.naming.dns", "jdk.unsupported",
            "jdk.zipfs");
    /** JRE libraries for windows, fonts and images: never loaded by a headless worker, and they pull X11 in. */
    private static final Set<String> SKIPPED_JRE_LIBS = Set.of("libawt_xawt.so", "libsplashscreen.so", "libjawt.so",
            "libfontmanager.so", "libjavajpeg.so", "liblcms.so", "libmlib_image.so");
    private static final long FIXED_MTIME_MS = 946_684_800_000L;   // 2000-01-01: the layer is reproducible

    private final AppFiles app;
    private final Consumer<String> progress;

    public WorkerImageBuilder(AppFiles app, Consumer<String> progress) {
        this.app = app;
        this.progress = progress;
    }

    /** What a build produced or found. */
    public record BuiltImage(String reference, String id, long sizeBytes, Duration took, boolean reused) {
    }

    /** The tag an image of this application gets: version and content hash, never "latest". */
    public String tag() {
        String salt = LAYOUT_VERSION + "|" + System.getProperty("java.vm.version") + "|" + String.join(",", modules())
                + "|" + app.containerClasspath();
        String version = app.version().replaceAll("[^A-Za-z0-9_.-]", "_");
        return version + "-" + app.contentHash(salt).substring(0, 12);
    }

    public String reference(String repository) {
        return repository + ":" + tag();
    }

    /** Builds and loads the image unless the engine already has this exact tag (or force is set). */
    public BuiltImage build(DockerClient docker, String repository, String tag, boolean force) {
        long start = System.nanoTime();
        String reference = repository + ":" + (tag == null ? tag() : tag);
        if (!force) {
            try {
                InspectImageResponse existing = docker.inspectImageCmd(reference).exec();
                return new BuiltImage(reference, existing.getId(), existing.getSize() == null ? 0 : existing.getSize(),
                        Duration.ofNanos(System.nanoTime() - start), true);
            } catch (NotFoundException e) {
                // build it
            }
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("sttbench-image-");
            Path archive = work.resolve("image.tar");
            writeImageArchive(work, archive, reference);
            progress.accept("loading " + reference + " into the engine (" + Files.size(archive) / (1024 * 1024) + " MiB)");
            try (InputStream in = Files.newInputStream(archive)) {
                docker.loadImageCmd(in).exec();
            }
            InspectImageResponse loaded = docker.inspectImageCmd(reference).exec();
            return new BuiltImage(reference, loaded.getId(), loaded.getSize() == null ? 0 : loaded.getSize(),
                    Duration.ofNanos(System.nanoTime() - start), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the worker image: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Writes a {@code docker load} archive (one layer, its config, the manifest naming the tag) to
     * {@code archive}; {@code work} holds the intermediate JRE.
     */
    public void writeImageArchive(Path work, Path archive, String reference) throws IOException {
        progress.accept("linking a JRE with " + modules().size() + " modules");
        Path jre = work.resolve("jre");
        jlink(jre);
        Set<Path> libraries = new TreeSet<>();
        libraries.addAll(sharedLibraryDependencies(jreLibraries(jre)));
        libraries.addAll(sharedLibraryDependencies(nativeLibrariesOnClasspath(work.resolve("natives"))));
        progress.accept("copying " + libraries.size() + " host libraries");

        Map<String, LayerEntry> entries = new TreeMap<>();
        addDir(entries, "tmp", 01777);
        addDir(entries, "app", 0755);
        addBytes(entries, "etc/passwd", ("root:x:0:0:root:/root:/sbin/nologin\n"
                + "sttbench:x:10001:10001:sttbench worker:/tmp:/sbin/nologin\n").getBytes(StandardCharsets.UTF_8), 0644);
        addBytes(entries, "etc/group", "root:x:0:\nsttbench:x:10001:\n".getBytes(StandardCharsets.UTF_8), 0644);
        // without it glibc asks DNS first, which fails in a container without a network
        addBytes(entries, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n"
                .getBytes(StandardCharsets.UTF_8), 0644);
        try (Stream<Path> files = Files.walk(jre)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = JAVA_HOME.substring(1) + "/" + jre.relativize(file).toString().replace('\\', '/');
                addFile(entries, name, file, Files.isExecutable(file) ? 0755 : 0644);
            }
        }
        for (Path library : libraries) {
            // stored under the path the loader asked for, as a plain file, symlinks resolved
            addFile(entries, library.toString().substring(1), library.toRealPath(), 0755);
        }
        for (Map.Entry<String, Path> file : app.layout().entrySet()) {
            addFile(entries, file.getKey(), file.getValue(), 0644);
        }
        bundledFfmpeg().ifPresent(ffmpeg -> {
            // jave unpacks ffmpeg to <tmp>/jave and makes it executable with /bin/chmod, which this image
            // lacks: the binary is put there executable beforehand, and jave uses a file it finds
            addDir(entries, "tmp/jave", 01777);
            addFile(entries, "tmp/jave/" + ffmpeg.getFileName(), ffmpeg, 0755);
        });

        Path layer = work.resolve("layer.tar");
        MessageDigest layerDigest = AppFiles.sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(layer), layerDigest);
             TarArchiveOutputStream tar = tar(out)) {
            for (Map.Entry<String, LayerEntry> entry : entries.entrySet()) {
                entry.getValue().write(tar, entry.getKey());
            }
        }
        String diffId = "sha256:" + HexFormat.of().formatHex(layerDigest.digest());
        byte[] config = imageConfig(diffId);
        String configName = HexFormat.of().formatHex(AppFiles.sha256().digest(config)) + ".json";
        String layerName = diffId.substring("sha256:".length()) + "/layer.tar";
        ArrayNode manifest = Json.json().createArrayNode();
        ObjectNode image = manifest.addObject();
        image.put("Config", configName);
        image.putArray("RepoTags").add(reference);
        image.putArray("Layers").add(layerName);
        try (TarArchiveOutputStream tar = tar(Files.newOutputStream(archive))) {
            writeBytes(tar, configName, config, 0644);
            writeFile(tar, layerName, layer, 0644);
            writeBytes(tar, "manifest.json", Json.json().writeValueAsBytes(manifest), 0644);
        }
        Files.delete(layer);
    }

    /** jave's ffmpeg for this machine, as jave itself unpacks it; empty when jave is not on the classpath. */
    private Optional<Path> bundledFfmpeg() {
        try {
            Path path = Path.of(new ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator().getExecutablePath());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            progress.accept("no bundled ffmpeg: compressed audio will not decode in the container (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** The container's command line: the JRE, the application classpath, UTF-8 output, the CLI. */
    public List<String> entrypoint() {
        return List.of(JAVA_HOME + "/bin/java",
                "-XX:MaxRAMPercentage=60",
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
                "-Dsttbench.home=" + AppFiles.APP_DIR,
                "-cp", app.containerClasspath(),
                WorkerProtocol.ENTRY_CLASS);
    }

    private byte[] imageConfig(String diffId) throws IOException {
        ObjectNode root = Json.json().createObjectNode();
        root.put("architecture", dockerArchitecture());
        root.put("os", "linux");
        root.put("created", Instant.now().toString());
        ObjectNode config = root.putObject("config");
        config.put("User", USER);
        config.put("WorkingDir", "/tmp");
        ArrayNode env = config.putArray("Env");
        env.add("PATH=" + JAVA_HOME + "/bin:/usr/bin:/bin");
        env.add("JAVA_HOME=" + JAVA_HOME);
        env.add("LANG=C.UTF-8");
        env.add("HOME=/tmp");
        ArrayNode entrypoint = config.putArray("Entrypoint");
        entrypoint().forEach(entrypoint::add);
        config.putArray("Cmd").add(WorkerProtocol.COMMAND);
        ObjectNode labels = config.putObject("Labels");
        labels.put("org.opencontainers.image.title", "sttbench worker");
        labels.put("org.opencontainers.image.version", app.version());
        labels.put("org.sttbench.tag", tag());
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        root.putArray("history").addObject().put("created_by", "sttbench image build");
        return Json.json().writeValueAsBytes(root);
    }

    static String dockerArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** The wanted modules the running JDK has (jdk.crypto.ec is gone from newer JDKs). */
    List<String> modules() {
        Set<String> available = ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
        return MODULES.stream().filter(available::contains).toList();
    }

    private void jlink(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new BadInputException(
                "jlink not found in " + System.getProperty("java.home") + "; run the image build with a JDK 17+, not a JRE"));
        StringWriter log = new StringWriter();
        PrintWriter writer = new PrintWriter(log);
        int code = jlink.run(writer, writer, "--add-modules", String.join(",", modules()), "--output", output.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2");
        writer.flush();
        if (code != 0) {
            throw new BadInputException("jlink failed (" + code + "): " + OneLine.firstLine(log.toString(), "")
                    + "; does " + System.getProperty("java.home") + " have a jmods folder?");
        }
    }

    private static List<Path> jreLibraries(Path jre) throws IOException {
        try (Stream<Path> files = Files.walk(jre.resolve("lib"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".so"))
                    .filter(p -> !SKIPPED_JRE_LIBS.contains(p.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * Native libraries that jars unpack at run time (whisper.cpp, ggml, netty), for this machine's
     * architecture only, extracted so ldd can say what they link against.
     */
    private List<Path> nativeLibrariesOnClasspath(Path into) throws IOException {
        List<String> archNames = switch (dockerArchitecture()) {
            case "amd64" -> List.of("amd64", "x86_64", "x86-64");
            case "arm64" -> List.of("arm64", "aarch64");
            default -> List.of(dockerArchitecture());
        };
        List<Path> extracted = new ArrayList<>();
        for (Path entry : app.classpath()) {
            if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                Enumeration<? extends ZipEntry> all = zip.entries();
                while (all.hasMoreElements()) {
                    ZipEntry e = all.nextElement();
                    String name = e.getName().toLowerCase(java.util.Locale.ROOT);
                    boolean linuxLibrary = name.matches(".*\\.so(\\.\\d+)*$") && !name.contains("mac") && !name.contains("win");
                    if (e.isDirectory() || !linuxLibrary || archNames.stream().noneMatch(name::contains)) {
                        continue;
                    }
                    Path target = into.resolve(extracted.size() + "-" + Path.of(e.getName()).getFileName());
                    Files.createDirectories(into);
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                    extracted.add(target);
                }
            }
        }
        return extracted;
    }

    /** Host libraries the given objects link against, as ldd resolves them here. */
    static Set<Path> sharedLibraryDependencies(List<Path> objects) throws IOException {
        Set<Path> found = new TreeSet<>();
        for (Path object : objects) {
            Process ldd;
            try {
                ldd = new ProcessBuilder("ldd", object.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new BadInputException("ldd not found: the image build needs it to find the libraries the JRE needs");
            }
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                ldd.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            found.addAll(parseLdd(out));
        }
        return found;
    }

    /** Absolute library paths in ldd output; unresolved ("not found") and virtual (vdso) ones are left out. */
    static List<Path> parseLdd(String output) {
        List<Path> paths = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String text = line.strip();
            int arrow = text.indexOf("=>");
            String candidate = arrow >= 0 ? text.substring(arrow + 2).strip() : text;
            int paren = candidate.indexOf(" (");
            if (paren >= 0) {
                candidate = candidate.substring(0, paren);
            }
            if (candidate.startsWith("/") && !candidate.contains(" ")) {
                paths.add(Path.of(candidate));
            }
        }
        return paths;
    }

    private static TarArchiveOutputStream tar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private interface LayerEntry {
        void write(TarArchiveOutputStream tar, String name) throws IOException;
    }

    private static void addParents(Map<String, LayerEntry> entries, String name) {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            String parent = name.substring(0, slash);
            if (!entries.containsKey(parent)) {
                addDir(entries, parent, 0755);
            }
        }
    }

    private static void addDir(Map<String, LayerEntry> entries, String name, int mode) {
        addParents(entries, name);
        entries.put(name, (tar, n) -> {
            TarArchiveEntry entry = new TarArchiveEntry(n + "/");
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
            entry.setModTime(FIXED_MTIME_MS);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
    }

    private static void addFile(Map<String, LayerEntry> entries, String name, Path file, int mode) {
        addParents(entries, name);
        entries.put(name, (tar, n) -> writeFile(tar, n, file, mode));
    }

    private static void addBytes(Map<String, LayerEntry> entries, String name, byte[] content, int mode) {
        addParents(entries, name);
        entries.put(name, (tar, n) -> writeBytes(tar, n, content, mode));
    }

    private static void writeFile(TarArchiveOutputStream tar, String name, Path file, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void writeBytes(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
