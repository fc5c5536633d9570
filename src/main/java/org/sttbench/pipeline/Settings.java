package org.sttbench.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * Where sttbench reads and writes, from application.properties and the command line.
 *
 * @param home          the installation: routes/, templates/, plans/, test_audio/
 * @param inbox         where audio and plans are dropped
 * @param outbox        where results and reports go
 * @param audioRoots    extra folders plans may read audio from (home and inbox always may)
 * @param defaultModel  model for audio dropped without a plan
 * @param verbose       print every worker line
 * @param requireSpeech reject dropped audio that holds no speech (silence, steady noise)
 */
public record Settings(Path home, Path inbox, Path outbox, List<Path> audioRoots, String defaultModel, boolean verbose,
                       boolean requireSpeech) {

    public Path plans() {
        return home.resolve("plans");
    }

    public Path templates() {
        return home.resolve("templates");
    }

    public Path doneDir() {
        return inbox.resolve(".done");
    }

    public Path errorDir() {
        return inbox.resolve(".error");
    }
}
