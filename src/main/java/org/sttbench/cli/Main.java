package org.sttbench.cli;

import org.sttbench.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sttbench} command line: one subcommand class per verb, each returning its exit code. */
@Command(name = "sttbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Benchmarks Whisper speech-to-text engines and services and sizes them.",
        subcommands = {
                DemoCommand.class,
                RunCommand.class,
                BenchCommand.class,
                TranscribeCommand.class,
                ModelsCommand.class,
                ServeCommand.class,
                LoadCommand.class,
                WorkerCommand.class,
                ReportCommand.class,
                CompareCommand.class,
                ImageCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        // a worker or replica started by sttbench ends with the process that started it
        org.sttbench.exec.ParentWatch.startFromEnvironment();
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code instead of exiting, for tests. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof BadInputException) {
                cmd.getErr().println("sttbench: " + exception.getMessage());
                return ExitCode.BAD_INPUT;
            }
            LOG.debug("command failed", exception);
            cmd.getErr().println("sttbench: failed: " + oneLine(exception));
            return ExitCode.FAILED;
        });
        return commandLine.execute(args);
    }

    public static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
