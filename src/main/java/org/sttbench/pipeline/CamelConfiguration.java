package org.sttbench.pipeline;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.exec.LocalProcessExecutor;
import org.sttbench.models.ModelStore;
import org.sttbench.report.Reports;

/** The beans the routes call, built from application.properties. */
public class CamelConfiguration implements org.apache.camel.CamelConfiguration {
    /** Where console messages go; tests replace it to read what a user would see. */
    static volatile PrintStream console = System.out;

    @BindToRegistry("settings")
    public Settings settings(@PropertyInject("sttbench.home") String home,
                             @PropertyInject("sttbench.inbox") String inbox,
                             @PropertyInject("sttbench.outbox") String outbox,
                             @PropertyInject(value = "sttbench.audio.roots", defaultValue = "") String roots,
                             @PropertyInject("sttbench.default.model") String defaultModel,
                             @PropertyInject(value = "sttbench.verbose", defaultValue = "false") boolean verbose) {
        List<Path> audioRoots = Arrays.stream(roots.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
        return new Settings(Path.of(home).toAbsolutePath().normalize(), Path.of(inbox).toAbsolutePath().normalize(),
                Path.of(outbox).toAbsolutePath().normalize(), audioRoots, defaultModel, verbose);
    }

    @BindToRegistry("outcomes")
    public RunOutcomes outcomes() {
        return new RunOutcomes();
    }

    @BindToRegistry("progress")
    public RunProgress progress(Settings settings) {
        return new RunProgress(console, settings.verbose());
    }

    @BindToRegistry("executors")
    public Executors executors(RunProgress progress) {
        return new Executors()
                .register("local", () -> new LocalProcessExecutor(progress::workerLine));
    }

    @BindToRegistry("preparer")
    public PlanPreparer preparer(Settings settings, Executors executors) {
        ModelStore store = ModelStore.fromEnvironment();
        return new PlanPreparer(settings, store::resolve, executors);
    }

    @BindToRegistry("inbox")
    public InboxService inbox(Settings settings, PlanPreparer preparer, RunOutcomes outcomes) {
        return new InboxService(settings, preparer, new AudioDecoder(), outcomes, console);
    }

    @BindToRegistry("runs")
    public RunCoordinator runs(Settings settings, PlanPreparer preparer, Executors executors, RunProgress progress,
                               RunOutcomes outcomes) {
        return new RunCoordinator(settings, preparer, executors, new Reports(settings.templates()), progress, outcomes,
                console);
    }

    /** Remembers processed inbox files across restarts, keyed by name, size and modification time. */
    @BindToRegistry("processedInbox")
    public IdempotentRepository processedInbox(Settings settings) {
        File store = settings.inbox().resolve(".state").resolve("processed.txt").toFile();
        store.getParentFile().mkdirs();
        return FileIdempotentRepository.fileIdempotentRepository(store, 10_000, 10 * 1024 * 1024);
    }
}
