package org.sttbench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sttbench.BadInputException;
import org.sttbench.analysis.LatencySummary;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.DecodedAudio;
import org.sttbench.audio.ReferenceTranscripts;
import org.sttbench.audio.WordErrorRate;
import org.sttbench.engine.EngineOptions;
import org.sttbench.engine.Transcription;
import org.sttbench.engine.WhisperEngine;
import org.sttbench.host.HostEnvironment;
import org.sttbench.host.HostInspector;
import org.sttbench.host.ResourceUsage;

/**
 * Runs one {@link WorkUnit} in this process: loads the model, decodes the clips, transcribes them as the
 * suite says, and reports measurements with the conditions they were taken under. Every executor ends up
 * here, in a child JVM, a container or a pod.
 */
public final class Worker {
    private static final int TRANSCRIPT_CHARS = 200;

    private final AudioDecoder decoder;
    private final ResourceUsage usage;
    private final Consumer<String> progress;

    public Worker(Consumer<String> progress) {
        this(new AudioDecoder(), new ResourceUsage(), progress);
    }

    Worker(AudioDecoder decoder, ResourceUsage usage, Consumer<String> progress) {
        this.decoder = decoder;
        this.usage = usage;
        this.progress = progress;
    }

    public UnitResult run(WorkUnit unit) {
        HostEnvironment environment = new HostInspector().inspect();
        List<DecodedAudio> clips = new ArrayList<>();
        for (String path : unit.audio()) {
            clips.add(decoder.decode(Path.of(path)));
        }
        if (clips.isEmpty()) {
            throw new BadInputException("work unit " + unit.unitId() + " has no audio");
        }
        EngineOptions options = new EngineOptions(unit.threads(), 1, unit.language());
        try (WhisperEngine engine = WhisperEngine.load(unit.model(), options)) {
            ResourceUsage.Snapshot start = usage.snapshot();
            List<Measurement> measurements = new ArrayList<>();
            if (unit.suite() == Suite.AUDIO) {
                warmUp(engine, clips.get(0), unit.warmup());
                for (DecodedAudio clip : clips) {
                    measurements.add(measure(engine, unit, clip, 0));
                }
            } else {
                for (DecodedAudio clip : clips) {
                    measurements.add(measure(engine, unit, clip, unit.warmup()));
                }
            }
            ResourceUsage.Delta delta = ResourceUsage.between(start, usage.snapshot());
            return new UnitResult(unit, UnitResult.OK, null, null, environment, WhisperEngine.systemInfo(),
                    unit.model(), engine.threads().threads(), engine.threads().derivation(),
                    engine.loadNanos() / 1e6, measurements, delta, usage.peakRssMb());
        }
    }

    private void warmUp(WhisperEngine engine, DecodedAudio clip, int times) {
        for (int i = 0; i < times; i++) {
            engine.transcribe(clip);
        }
    }

    private Measurement measure(WhisperEngine engine, WorkUnit unit, DecodedAudio clip, int warmup) {
        warmUp(engine, clip, warmup);
        int iterations = Math.max(1, unit.iterations());
        double[] latencies = new double[iterations];
        String transcript = null;
        long wallStart = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            Transcription t = engine.transcribe(clip);
            latencies[i] = t.inferenceMs();
            if (transcript == null) {
                transcript = t.text();
            }
            progress.accept(String.format("%s: %s iteration %d/%d %.0f ms", unit.unitId(),
                    clip.source().getFileName(), i + 1, iterations, t.inferenceMs()));
        }
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        LatencySummary stats = LatencySummary.of(latencies);
        String heard = transcript == null ? "" : transcript;
        Double wer = ReferenceTranscripts.find(clip.source())
                .map(reference -> WordErrorRate.compute(reference, heard).wer())
                .orElse(null);
        String name = clip.source().getFileName().toString();
        return new Measurement(unit.suite(), new AudioRef(name, clip.format(), clip.durationS()), iterations, warmup,
                unit.cpuLimit(), engine.threads().threads(), stats.avgMs(), stats, latencies, iterations / wallS,
                stats.avgMs() / 1000.0 / clip.durationS(), clip.decodeMs(), usage.peakRssMb(), wer,
                abbreviate(heard));
    }

    private static String abbreviate(String text) {
        return text.length() <= TRANSCRIPT_CHARS ? text : text.substring(0, TRANSCRIPT_CHARS) + "...";
    }
}
