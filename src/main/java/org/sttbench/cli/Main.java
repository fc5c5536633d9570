package org.sttbench.cli;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.OneLine;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.ParentWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code sttbench} command line: one subcommand class per verb. A command returns its exit code when
 * it finishes and throws when it cannot; {@link #failed} is the one place that prints why and maps the
 * exception to an exit code.
 */
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
                CapacityCommand.class,
                WorkerCommand.class,
                ReportCommand.class,
                CompareCommand.class,
                ImageCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        // a worker or replica started by sttbench ends with the process that started it
        ParentWatch.startFromEnvironment();
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code instead of exiting, for tests. */
    public static int execute(String... args) {
        return commandLine(new Main()).execute(args);
    }

    /** A command line for {@code command} (this or one subcommand, in tests) with the shared error path. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler(Main::failed);
        return commandLine;
    }

    /** Prints {@code sttbench <command>: <reason>} on one line and returns the exit code the failure means. */
    static int failed(Exception exception, CommandLine cmd, ParseResult parseResult) {
        int code;
        String reason;
        if (exception instanceof BadInputException) {
            code = ExitCode.BAD_INPUT;
            reason = exception.getMessage();
        } else if (exception instanceof CommandFailedException || exception instanceof ExecutorUnavailableException
                || exception instanceof IOException) {
            code = ExitCode.FAILED;
            reason = OneLine.of(exception);
        } else {
            // unexpected: the class name helps, the stack trace is in the debug log
            LOG.debug("command failed", exception);
            code = ExitCode.FAILED;
            reason = "failed: " + OneLine.of(exception);
        }
        cmd.getErr().println(commandName(cmd) + ": " + reason);
        cmd.getErr().flush();
        return code;
    }

    /** "sttbench models pull", also when a test runs the models command on its own. */
    private static String commandName(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName(" ");
        return name.startsWith("sttbench") ? name : "sttbench " + name;
    }

}
