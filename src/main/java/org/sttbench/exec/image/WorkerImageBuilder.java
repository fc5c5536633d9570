package org.sttbench.exec.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sttbench.FileTrees;
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

    private final AppFiles app;
    private final Consumer<String> progress;
    private final JreBundle jre;

    public WorkerImageBuilder(AppFiles app, Consumer<String> progress) {
        this.app = app;
        this.progress = progress;
        this.jre = new JreBundle(app, progress);
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
            FileTrees.deleteQuietly(work); // a scratch folder left behind is harmless
        }
    }

    /**
     * Writes a {@code docker load} archive (one layer, its config, the manifest naming the tag) to
     * {@code archive}; {@code work} holds the intermediate JRE.
     */
    public void writeImageArchive(Path work, Path archive, String reference) throws IOException {
        progress.accept("linking a JRE with " + modules().size() + " modules");
        Path jreDir = work.resolve("jre");
        jre.link(jreDir);
        Set<Path> libraries = jre.hostLibraries(jreDir, work.resolve("natives"));
        progress.accept("copying " + libraries.size() + " host libraries");

        LayerTar entries = new LayerTar();
        entries.dir("tmp", 01777);
        entries.dir("app", 0755);
        entries.bytes("etc/passwd", ("root:x:0:0:root:/root:/sbin/nologin\n"
                + "sttbench:x:10001:10001:sttbench worker:/tmp:/sbin/nologin\n").getBytes(StandardCharsets.UTF_8), 0644);
        entries.bytes("etc/group", "root:x:0:\nsttbench:x:10001:\n".getBytes(StandardCharsets.UTF_8), 0644);
        // without it glibc asks DNS first, which fails in a container without a network
        entries.bytes("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n"
                .getBytes(StandardCharsets.UTF_8), 0644);
        try (Stream<Path> files = Files.walk(jreDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = JAVA_HOME.substring(1) + "/" + jreDir.relativize(file).toString().replace('\\', '/');
                entries.file(name, file, Files.isExecutable(file) ? 0755 : 0644);
            }
        }
        for (Path library : libraries) {
            // stored under the path the loader asked for, as a plain file, symlinks resolved
            entries.file(library.toString().substring(1), library.toRealPath(), 0755);
        }
        for (Map.Entry<String, Path> file : app.layout().entrySet()) {
            entries.file(file.getKey(), file.getValue(), 0644);
        }
        jre.bundledFfmpeg().ifPresent(ffmpeg -> {
            // jave unpacks ffmpeg to <tmp>/jave and makes it executable with /bin/chmod, which this image
            // lacks: the binary is put there executable beforehand, and jave uses a file it finds
            entries.dir("tmp/jave", 01777);
            entries.file("tmp/jave/" + ffmpeg.getFileName(), ffmpeg, 0755);
        });

        ImageArchive.write(entries, work, archive, reference, this::imageConfig);
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
        ObjectNode root = ImageArchive.configRoot(USER);
        ObjectNode config = (ObjectNode) root.get("config");
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
        root.putArray("history").addObject().put("created_by", "sttbench image build");
        return ImageArchive.withLayer(root, diffId);
    }

    /** The wanted modules the running JDK has (jdk.crypto.ec is gone from newer JDKs). */
    List<String> modules() {
        return jre.modules();
    }
}
