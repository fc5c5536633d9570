package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.testing.InboxDrop;
import org.sttbench.testing.TestModels;

/**
 * How dropped files are grouped into runs, with the run route cut off by AdviceWith: what reaches
 * seda:runs is checked on a mock endpoint instead of being executed.
 */
class InboxBatchRouteTest extends CamelMainTestSupport {
    @TempDir
    static Path work;

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
        p.setProperty("sttbench.inbox.poll.ms", "200");
        p.setProperty("sttbench.inbox.ready.ms", "200");
        p.setProperty("sttbench.inbox.batch.ms", "1500");
        return p;
    }

    private MockEndpoint runsGoToAMock() throws Exception {
        AdviceWith.adviceWith(context, "inbox-batch",
                route -> route.weaveByToUri("seda:runs*").replace().to("mock:runs"));
        context.start();
        return getMockEndpoint("mock:runs");
    }

    @Test
    void aPlanWithoutAudioTakesTheAudioDroppedWithIt() throws Exception {
        MockEndpoint runs = runsGoToAMock();
        runs.expectedMessageCount(1);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.writeString(inbox.resolve("mine.plan.yaml"), "name: mine\nmodel: " + TestModels.micro()
                + "\nsuites: { audio: {} }\n");
        InboxDrop.copy(Path.of("test_audio/en_5s.wav"), inbox, "one.wav");
        InboxDrop.copy(Path.of("test_audio/vi_5s.wav"), inbox, "two.wav");

        runs.assertIsSatisfied(20_000);
        RunRequest request = runs.getReceivedExchanges().get(0).getIn().getBody(RunRequest.class);
        assertThat(request.plan().name()).isEqualTo("mine");
        assertThat(request.droppedAudio()).hasSize(2)
                .allSatisfy(p -> assertThat(p.getParent().getFileName().toString()).isEqualTo(".processing"));
        // accepted inputs wait in .processing/ until their run has ended (the run is a mock here: it never ends)
        assertThat(request.origin().stored()).as("plan kept in .processing").exists();
        assertThat(request.droppedAudio()).allSatisfy(p -> assertThat(p).exists());
        // the batch is in the run journal before its runs are queued
        assertThat(request.ticket()).isNotSameAs(RunTicket.NONE);
        try (var journal = Files.list(inbox.resolve(".processing").resolve("journal"))) {
            assertThat(journal.filter(p -> p.toString().endsWith(".json"))).hasSize(1);
        }
    }

    @Test
    void audioAloneRunsTheDefaultAudioPlanOnce() throws Exception {
        MockEndpoint runs = runsGoToAMock();
        runs.expectedMessageCount(1);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        InboxDrop.copy(Path.of("test_audio/en_5s.wav"), inbox, "a.wav");
        InboxDrop.copy(Path.of("test_audio/en_30s.mp3"), inbox, "b.mp3");

        runs.assertIsSatisfied(20_000);
        Thread.sleep(2_000);
        assertThat(runs.getReceivedCounter()).as("one run for the whole batch").isEqualTo(1);
        RunRequest request = runs.getReceivedExchanges().get(0).getIn().getBody(RunRequest.class);
        assertThat(request.plan().name()).isEqualTo("audio");
        assertThat(request.plan().model()).containsExactly(TestModels.micro().toString());
        assertThat(request.droppedAudio()).hasSize(2);
        assertThat(PipelineApp.hasWaitingFiles(inbox)).isFalse();
    }
}
