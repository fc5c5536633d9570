package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sttbench.testing.InboxDrop;
import org.sttbench.testing.TestModels;

/**
 * An accepted file whose move to .processing/ fails stays in the inbox and is read again at the next poll
 * (leaving the inbox is what stops a second read). Such a failure was silent: Camel logged it as a warning
 * of a quietened logger. The folders exist before the consumer starts and a failed move is reported.
 */
class InboxMoveFailureTest extends CamelMainTestSupport {
    private static Path work;
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    @BeforeAll
    static void folders() throws Exception {
        work = Files.createTempDirectory("sttbench-inbox-move");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind(PipelineBeans.CONSOLE, new PrintStream(CONSOLE, true, StandardCharsets.UTF_8));
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        PipelineApp.configure(configuration, Path.of("").toAbsolutePath());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("sttbench.home", Path.of("").toAbsolutePath().toString());
        p.setProperty("sttbench.inbox", work.resolve("inbox").toString());
        p.setProperty("sttbench.outbox", work.resolve("outbox").toString());
        p.setProperty("sttbench.default.model", TestModels.micro().toString());
        p.setProperty("sttbench.inbox.poll.ms", "100");
        p.setProperty("sttbench.inbox.ready.ms", "300");
        p.setProperty("sttbench.inbox.batch.ms", "500");
        return p;
    }

    @Test
    void theMoveFoldersExistBeforeAnyFileArrivesAndAFailedMoveIsReported() throws Exception {
        AdviceWith.adviceWith(context, "inbox-batch",
                route -> route.weaveByToUri("seda:runs*").replace().to("mock:runs"));
        context.start();
        Path inbox = work.resolve("inbox");
        assertThat(inbox.resolve(".processing")).isDirectory();
        assertThat(inbox.resolve(".done")).isDirectory();
        assertThat(inbox.resolve(".error")).isDirectory();

        // a .processing that cannot take files: the move of an accepted file fails
        deleteTree(inbox.resolve(".processing"));
        Files.writeString(inbox.resolve(".processing"), "not a folder");
        try {
            InboxDrop.copy(Path.of("test_audio/en_5s.wav"), inbox, "two.wav");
            String console = waitForConsole("could not move two.wav", 15_000);
            assertThat(console).contains("accepted audio two.wav")
                    .contains("could not move two.wav out of the inbox, it stays in " + inbox.toAbsolutePath().normalize());
            assertThat(inbox.resolve("two.wav")).as("left in the inbox, not lost").exists();
        } finally {
            Files.delete(inbox.resolve(".processing"));
            Files.createDirectories(inbox.resolve(".processing"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String waitForConsole(String text, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        String out = CONSOLE.toString(StandardCharsets.UTF_8);
        while (!out.contains(text) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            out = CONSOLE.toString(StandardCharsets.UTF_8);
        }
        return out;
    }
}
