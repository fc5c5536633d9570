package org.sttbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sttbench.models.CatalogEntry;
import org.sttbench.models.ModelCatalog;
import org.sttbench.models.ModelDownloader;
import org.sttbench.models.ModelInfo;
import org.sttbench.models.ModelStore;
import org.sttbench.models.SyntheticModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sttbench models list | pull NAME | synth NAME [--out FILE]}: the local ggml model store. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, download or generate ggml Whisper models in the model store.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Pull.class, ModelsCommand.Synth.class})
public class ModelsCommand implements Callable<Integer> {
    private final Supplier<ModelStore> stores;
    private final Function<ModelStore, ModelDownloader> downloaders;

    @Spec
    CommandSpec spec;

    public ModelsCommand() {
        this(ModelStore::fromEnvironment, ModelDownloader::fromEnvironment);
    }

    /** For tests and embedding: a given store and downloader. */
    public ModelsCommand(Supplier<ModelStore> stores, Function<ModelStore, ModelDownloader> downloaders) {
        this.stores = stores;
        this.downloaders = downloaders;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }

    /** Runs a sub-command body on the store; a failure goes to {@link Main}'s handler as it is. */
    private int run(CommandSpec sub, Body body) throws IOException {
        try {
            return body.run(stores.get(), sub.commandLine().getOut());
        } finally {
            sub.commandLine().getOut().flush();
        }
    }

    @FunctionalInterface
    private interface Body {
        int run(ModelStore store, PrintWriter out) throws IOException;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the stored models and the names 'pull' and 'synth' know.")
    static class ListModels implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return parent.run(spec, (store, out) -> {
                List<ModelInfo> models = store.list();
                out.println("Model store: " + store.dir());
                if (models.isEmpty()) {
                    out.println("  (no models yet)");
                } else {
                    out.printf(Locale.ROOT, "  %-24s %10s  %-9s  %s%n", "NAME", "SIZE", "KIND", "SHA256");
                    for (ModelInfo m : models) {
                        out.printf(Locale.ROOT, "  %-24s %10s  %-9s  %s%n", m.name(), mib(m.sizeBytes()),
                                m.synthetic() ? "synthetic" : "real", m.sha256().substring(0, 12));
                    }
                }
                out.println("Available to pull (sttbench models pull NAME):");
                out.println("  " + String.join(", ", ModelCatalog.standard().entries().stream()
                        .map(CatalogEntry::name).toList()));
                out.println("Synthetic shapes, timing only (sttbench models synth NAME):");
                out.println("  " + String.join(", ", Arrays.stream(SyntheticModelWriter.Shape.values())
                        .map(SyntheticModelWriter.Shape::modelName).toList()));
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Download a whisper.cpp ggml model into the store and verify its published checksum.")
    static class Pull implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "e.g. tiny, base.en, large-v3-turbo-q5_0")
        String name;

        @Override
        public Integer call() throws IOException {
            return parent.run(spec, (store, out) -> {
                ModelDownloader downloader = parent.downloaders.apply(store);
                ModelInfo m = downloader.pull(name);
                out.printf(Locale.ROOT, "%s: %s (%s, sha256 %s)%n", m.name(), m.path(), mib(m.sizeBytes()),
                        m.sha256().substring(0, 12));
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Write a ggml model with random weights in a real shape: timing only, transcripts meaningless.")
    static class Synth implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "micro, tiny, base or small")
        String name;
        @Option(names = "--out", paramLabel = "FILE", description = "default: ggml-NAME.bin in the store")
        Path out;
        @Option(names = "--seed", description = "weights seed; the same seed gives the same file (default ${DEFAULT-VALUE})")
        long seed = SyntheticModelWriter.DEFAULT_SEED;
        @Option(names = "--tokens-per-second", paramLabel = "X",
                description = "tokens decoded per second of a full 30 s window (default ${DEFAULT-VALUE})")
        double tokensPerSecond = SyntheticModelWriter.DEFAULT_TOKENS_PER_SECOND;

        @Override
        public Integer call() throws IOException {
            return parent.run(spec, (store, o) -> {
                var shape = SyntheticModelWriter.Shape.byName(name);
                var writer = new SyntheticModelWriter(shape,
                        new SyntheticModelWriter.Options(seed, tokensPerSecond, true));
                Path target = out != null ? out : store.pathFor(name);
                writer.write(target);
                ModelInfo m = store.describe(target);
                o.printf(Locale.ROOT, "%s: %s (%s, %d tokens per 30 s window, sha256 %s); %s%n", name, m.path(),
                        mib(m.sizeBytes()), writer.tokensPerWindow(), m.sha256().substring(0, 12),
                        ModelInfo.SYNTHETIC_NOTICE);
                return ExitCode.OK;
            });
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Standalone entry point, e.g. for trying the command before it is registered in the main CLI. */
    public static void main(String[] args) {
        System.exit(Main.commandLine(new ModelsCommand()).execute(args));
    }
}
