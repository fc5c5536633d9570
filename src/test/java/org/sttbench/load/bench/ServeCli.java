package org.sttbench.load.bench;

import java.nio.file.Path;
import org.sttbench.cli.Main;
import org.sttbench.cli.ServeCommand;
import org.sttbench.models.SyntheticModelWriter;

/**
 * Benchmark helper: runs {@code sttbench serve} from the test classpath. With {@code --synth SHAPE FILE}
 * first, writes a synthetic model of that shape (micro, tiny, base, small) to FILE and exits.
 */
public final class ServeCli {
    private ServeCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--synth")) {
            new SyntheticModelWriter(SyntheticModelWriter.Shape.byName(args[1]),
                    SyntheticModelWriter.Options.defaults()).write(Path.of(args[2]));
            return;
        }
        System.exit(Main.commandLine(new ServeCommand()).execute(args));
    }
}
