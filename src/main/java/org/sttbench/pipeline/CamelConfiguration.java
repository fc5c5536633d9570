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

/**
 * The beans the routes call, built from application.properties.
 *
 * <p>Camel calls the {@code @BindToRegistry} methods in reflection order, which the JVM does not fix, so
 * no method takes another bean as a parameter: each builds what it needs through the memoised getters,
 * and the settings come from injected fields (injected before any method is called).
 */
public class CamelConfiguration implements org.apache.camel.CamelConfiguration {
    /** Where console messages go; tests replace it to read what a user would see. */
    static volatile PrintStream console = System.out;

    @PropertyInject("sttbench.home")
    String home;
    @PropertyInject("sttbench.inbox")
    String inbox;
    @PropertyInject("sttbench.outbox")
    String outbox;
    @PropertyInject(value = "sttbench.audio.roots", defaultValue = "")
    String roots;
    @PropertyInject("sttbench.default.model")
    String defaultModel;
    @PropertyInject(value = "sttbench.verbose", defaultValue = "false")
    boolean verbose;

    private Settings settings;
    private RunOutcomes outcomes;
    private RunProgress progress;
    private Executors executors;
    private PlanPreparer preparer;

    @BindToRegistry("settings")
    public synchronized Settings settings() {
        if (settings == null) {
            List<Path> audioRoots = Arrays.stream(roots.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
            settings = new Settings(Path.of(home).toAbsolutePath().normalize(), Path.of(inbox).toAbsolutePath().normalize(),
                    Path.of(outbox).toAbsolutePath().normalize(), audioRoots, defaultModel, verbose);
        }
        return settings;
    }

    @BindToRegistry("outcomes")
    public synchronized RunOutcomes outcomes() {
        if (outcomes == null) {
            outcomes = new RunOutcomes();
        }
        return outcomes;
    }

    @BindToRegistry("progress")
    public synchronized RunProgress progress() {
        if (progress == null) {
            progress = new RunProgress(console, settings().verbose());
        }
        return progress;
    }

    @BindToRegistry("executors")
    public synchronized Executors executors() {
        if (executors == null) {
            RunProgress lines = progress();
            executors = new Executors().register("local", () -> new LocalProcessExecutor(lines::workerLine));
        }
        return executors;
    }

    @BindToRegistry("preparer")
    public synchronized PlanPreparer preparer() {
        if (preparer == null) {
            ModelStore store = ModelStore.fromEnvironment();
            preparer = new PlanPreparer(settings(), store::resolve, executors());
        }
        return preparer;
    }

    @BindToRegistry("inbox")
    public InboxService inbox() {
        return new InboxService(settings(), preparer(), new AudioDecoder(), outcomes(), console);
    }

    @BindToRegistry("runs")
    public RunCoordinator runs() {
        return new RunCoordinator(settings(), preparer(), executors(), new Reports(settings().templates()), progress(),
                outcomes(), console);
    }

    /** Remembers processed inbox files across restarts, keyed by name, size and modification time. */
    @BindToRegistry("processedInbox")
    public IdempotentRepository processedInbox() {
        File store = settings().inbox().resolve(".state").resolve("processed.txt").toFile();
        store.getParentFile().mkdirs();
        return FileIdempotentRepository.fileIdempotentRepository(store, 10_000, 10 * 1024 * 1024);
    }
}
