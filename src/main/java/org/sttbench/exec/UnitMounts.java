package org.sttbench.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.audio.ReferenceTranscripts;
import org.sttbench.bench.WorkUnit;
import org.sttbench.models.ModelInfo;

/**
 * The host files a unit reads and where a container sees them: the model under /data/model, each clip
 * under its own /data/audio/N folder (so equal names from different folders cannot collide) with its
 * reference transcript beside it, so the worker in the container computes WER as it would on the host.
 * File names are kept: results name clips by file name.
 *
 * @param unit  the unit with container paths
 * @param binds host path to container path, all read-only
 */
public record UnitMounts(WorkUnit unit, List<Bind> binds) {
    public static final String MODEL_DIR = "/data/model";
    public static final String AUDIO_DIR = "/data/audio";

    public record Bind(Path host, String container) {
    }

    public static UnitMounts of(WorkUnit unit) {
        List<Bind> binds = new ArrayList<>();
        ModelInfo model = unit.model();
        Path modelPath = model.path().toAbsolutePath().normalize();
        String modelInContainer = MODEL_DIR + "/" + modelPath.getFileName();
        binds.add(new Bind(modelPath, modelInContainer));
        List<String> audio = new ArrayList<>();
        for (int i = 0; i < unit.audio().size(); i++) {
            Path clip = Path.of(unit.audio().get(i)).toAbsolutePath().normalize();
            String folder = AUDIO_DIR + "/" + i + "/";
            binds.add(new Bind(clip, folder + clip.getFileName()));
            Path reference = ReferenceTranscripts.referencePath(clip);
            if (!reference.equals(clip) && Files.isRegularFile(reference)) {
                binds.add(new Bind(reference, folder + reference.getFileName()));
            }
            audio.add(folder + clip.getFileName());
        }
        WorkUnit remapped = unit
                .withModel(new ModelInfo(model.name(), Path.of(modelInContainer), model.sizeBytes(), model.sha256(),
                        model.synthetic()))
                .withAudio(audio);
        return new UnitMounts(remapped, List.copyOf(binds));
    }
}
