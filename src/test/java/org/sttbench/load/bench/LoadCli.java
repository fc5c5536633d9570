package org.sttbench.load.bench;

import org.sttbench.cli.LoadCommand;
import org.sttbench.cli.Main;

/** Benchmark helper: runs {@code sttbench load} from the test classpath. */
public final class LoadCli {
    private LoadCli() {
    }

    public static void main(String[] args) {
        System.exit(Main.commandLine(new LoadCommand()).execute(args));
    }
}
