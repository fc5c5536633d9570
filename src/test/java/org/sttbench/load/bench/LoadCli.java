package org.sttbench.load.bench;

import org.sttbench.cli.LoadCommand;
import picocli.CommandLine;

/** Benchmark helper: runs {@code sttbench load} from the test classpath. */
public final class LoadCli {
    private LoadCli() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadCommand()).execute(args));
    }
}
