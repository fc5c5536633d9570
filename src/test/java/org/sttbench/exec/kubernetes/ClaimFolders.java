package org.sttbench.exec.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.sttbench.audio.ReferenceTranscripts;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.models.ModelInfo;

/**
 * Host folders that play a cluster's models and audio claims for the test kubelet: world-readable files
 * in traversable folders, as a volume holds them (the worker runs as another user).
 */
final class ClaimFolders {
    private ClaimFolders() {
    }

    /** "models-pvc" holding the model, "audio-pvc" holding the 5 s clip and its transcript. */
    static Map<String, Path> of(ModelInfo model) throws Exception {
        Path models = readableDir("sttbench-models-claim-");
        Path audio = readableDir("sttbench-audio-claim-");
        readableCopy(model.path(), models.resolve(model.path().getFileName()));
        readableCopy(DockerTestSupport.EN_5S, audio.resolve("en_5s.wav"));
        readableCopy(ReferenceTranscripts.referencePath(DockerTestSupport.EN_5S), audio.resolve("en_5s.txt"));
        return Map.of("models-pvc", models, "audio-pvc", audio);
    }

    static Path readableDir(String prefix) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    static void readableCopy(Path from, Path to) throws Exception {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
