package org.sttbench.exec;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.sttbench.bench.Suite;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.docker.DockerClients;
import org.sttbench.exec.image.AppFiles;
import org.sttbench.exec.image.WorkerImageBuilder;
import org.sttbench.models.ModelInfo;
import org.sttbench.models.SyntheticModelWriter;
import org.sttbench.testing.Requirements;

/**
 * Shared by the tests that need the real Docker engine: the worker image of the code under test (built
 * once per test JVM, reused while the code is unchanged) and a synthetic model.
 */
public final class DockerTestSupport {
    public static final Path EN_5S = Path.of("test_audio/en_5s.wav").toAbsolutePath();
    private static String image;
    private static WorkerImageBuilder.BuiltImage built;
    private static DockerClient client;
    private static Path models;
    /** Open for the JVM's life: its shared lock says this run uses {@link #image}. */
    private static FileChannel heldImage;

    private DockerTestSupport() {
    }

    /** Skips the calling test without an engine, or fails it in CI (see {@link Requirements}). */
    public static synchronized DockerClient client() {
        Requirements.docker();
        if (client == null) {
            client = DockerClients.open(DockerClients.resolveHost(null));
        }
        return client;
    }

    /** The worker image built from the classes under test. */
    public static synchronized String workerImage() {
        if (image == null) {
            WorkerImageBuilder builder = new WorkerImageBuilder(AppFiles.current(Path.of("")), line -> { });
            built = builder.build(client(), WorkerImageBuilder.DEFAULT_REPOSITORY, null, false);
            image = built.reference();
            holdImage(image);
            removeOlderTestImages(image);
        }
        return image;
    }

    /**
     * Marks the image as used by this test JVM for its whole life: a shared lock on a file named after it,
     * which the operating system releases however the JVM ends. Another test run (of other code, on the
     * same engine) then leaves the image alone instead of removing it between two of this run's containers.
     */
    private static void holdImage(String tag) {
        try {
            heldImage = FileChannel.open(lockFile(tag), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            heldImage.lock(0, Long.MAX_VALUE, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the test image as in use: " + e.getMessage(), e);
        }
    }

    /** Whether a test JVM holds the image (see {@link #holdImage}); a tag no run holds may go. */
    private static boolean heldByAnotherRun(String tag) {
        try (FileChannel channel = FileChannel.open(lockFile(tag), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, false);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }

    private static Path lockFile(String tag) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sttbench-test-images"));
        return dir.resolve(tag.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
    }

    /**
     * Every code change makes a new dev-<hash> image; keep only the current one on a developer's engine,
     * and those another test run still holds.
     */
    private static void removeOlderTestImages(String current) {
        for (var listed : client().listImagesCmd().withImageNameFilter(WorkerImageBuilder.DEFAULT_REPOSITORY).exec()) {
            for (String tag : listed.getRepoTags() == null ? new String[0] : listed.getRepoTags()) {
                if (tag.startsWith(WorkerImageBuilder.DEFAULT_REPOSITORY + ":dev-") && !tag.equals(current)
                        && !heldByAnotherRun(tag)) {
                    try {
                        client().removeImageCmd(tag).withForce(false).exec();
                    } catch (RuntimeException inUse) {
                        // a container of another test run still uses it: leave it for the next run
                    }
                }
            }
        }
    }

    public static synchronized WorkerImageBuilder.BuiltImage builtImage() {
        workerImage();
        return built;
    }

    /** A synthetic model of the given shape ("micro", "tiny"), written once per test JVM. */
    public static synchronized ModelInfo model(String shape) {
        try {
            if (models == null) {
                models = Files.createTempDirectory("sttbench-test-models-");
            }
            Path file = models.resolve("synthetic-" + shape + ".bin");
            if (!Files.exists(file)) {
                new SyntheticModelWriter(SyntheticModelWriter.Shape.byName(shape), SyntheticModelWriter.Options.defaults())
                        .write(file);
            }
            return new ModelInfo("synthetic-" + shape, file, Files.size(file), "test", true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A folder standing in for the models claim of the test kubelet, holding a world-readable copy of the
     * model (pods run as a non-root user).
     */
    public static Path modelsClaim(Path dir, ModelInfo model) throws IOException {
        Path models = Files.createDirectories(dir.resolve("models-claim"));
        Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path inClaim = Files.copy(model.path(), models.resolve(model.path().getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(inClaim, PosixFilePermissions.fromString("rw-r--r--"));
        return models;
    }

    public static WorkUnit unit(String runId, ModelInfo model, Double cpuLimit, Integer threads, int iterations,
                                int timeoutS) {
        return new WorkUnit(runId, "latency-" + model.name() + "-" + cpuLimit + "cpu", 1, 1, Suite.LATENCY, model,
                List.of(EN_5S.toString()), "en", cpuLimit, threads, iterations, 1, timeoutS);
    }
}
