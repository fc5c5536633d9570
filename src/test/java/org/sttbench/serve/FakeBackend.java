package org.sttbench.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.sttbench.BadInputException;

/** A backend whose transcriptions can be held at a gate, so tests decide when workers are busy. */
final class FakeBackend implements TranscriptionBackend {
    final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicReference<String> thread = new AtomicReference<>();
    final AtomicReference<String> language = new AtomicReference<>();
    volatile RuntimeException failure;
    /** Fail as the decoder does on a cut-off file: naming the path it read. */
    volatile boolean truncated;

    /** Every transcription waits until {@link #open()}. */
    FakeBackend closed() {
        gate.drainPermits();
        return this;
    }

    void open() {
        gate.release(1000);
    }

    @Override
    public ServedTranscription transcribe(Path upload, String lang) throws Exception {
        thread.set(Thread.currentThread().getName());
        language.set(lang);
        started.countDown();
        if (!gate.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate never opened");
        }
        if (failure != null) {
            throw failure;
        }
        if (truncated) {
            throw new BadInputException(upload + ": the file ends inside its first audio frame (truncated?)");
        }
        if (Files.size(upload) == 0) {
            throw new BadInputException("empty");
        }
        return new ServedTranscription("hello world", List.of(new ServedTranscription.Segment(0, 1200, " hello"),
                new ServedTranscription.Segment(1200, 2500, " world")), lang == null ? "en" : lang, 2.5,
                500_000_000L);
    }

    @Override
    public String modelName() {
        return "fake-tiny";
    }
}
