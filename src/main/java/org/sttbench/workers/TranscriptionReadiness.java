package org.sttbench.workers;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.sttbench.load.ClosedLoadConfig;
import org.sttbench.load.ClosedLoadRun;
import org.sttbench.load.LoadListener;

/** Ready when one transcription of the clip succeeds: for a service that has no health path. */
public record TranscriptionReadiness(ServiceClients clients, Path clip) implements Readiness {
    @Override
    public boolean ready(String baseUrl) {
        return new ClosedLoadRun(new ClosedLoadConfig(clients.spec(List.of(baseUrl), clip), List.of(1), 1, 0, null, 1.0),
                a -> OptionalDouble.empty(), LoadListener.NONE).run().levels().get(0).successes() == 1;
    }
}
