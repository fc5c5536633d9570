package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sttbench.bench.WorkerProtocol;
import picocli.CommandLine;

class WorkerProtocolTest {
    /** Executors start the worker by class name, in another JVM or an image: the name must stay true. */
    @Test
    void theEntryClassAndCommandNameWhatStartsTheWorker() {
        assertThat(WorkerProtocol.ENTRY_CLASS).isEqualTo(Main.class.getName());
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey(WorkerProtocol.COMMAND);
    }
}
