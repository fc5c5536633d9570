package org.sttbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.cli.ExitCode;
import org.sttbench.results.Outbox;
import org.sttbench.results.RunResult;

/**
 * JUnit XML reports dropped alone make a stability run; every run refreshes outbox/latest and posts a
 * notice to the configured webhook (a loopback server here).
 */
class StabilityAndDeliveryTest {
    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="stt.ApiTest" tests="3" failures="1" errors="0" skipped="0" time="9.5">
              <testcase classname="stt.ApiTest" name="transcribes" time="1.2"/>
              <testcase classname="stt.ApiTest" name="longClip" time="7.1"/>
              <testcase classname="stt.ApiTest" name="rejectsEmpty" time="0.1">
                <failure message="expected 400 but was 500" type="AssertionError">trace</failure>
              </testcase>
            </testsuite>
            """;

    @Test
    void testReportsAloneAnswerIsItStableAndTheWebhookHearsOfIt(@TempDir Path dir) throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            notices.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.writeString(inbox.resolve("TEST-stt.ApiTest.xml"), REPORT);
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.inbox", inbox.toString(), "sttbench.outbox", outbox.toString(),
                "sttbench.inbox.ready.ms", "200", "sttbench.inbox.poll.ms", "200", "sttbench.inbox.batch.ms", "1000",
                "sttbench.delivery.uris", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"), true)) {
            assertThat(app.awaitInboxProcessed(Duration.ofSeconds(60))).isTrue();
            assertThat(ExitCode.of(app.outcomes().outcome())).isEqualTo(ExitCode.OK);
        } finally {
            hook.stop(0);
        }
        RunResult run = Outbox.read(outbox.resolve(Delivery.LATEST).resolve(Outbox.RESULTS_FILE));
        assertThat(run.planName()).isEqualTo("stability");
        JsonNode stability = run.analysis().get("stability");
        assertThat(stability.get("tests").asInt()).isEqualTo(3);
        assertThat(stability.get("failed").asInt()).isEqualTo(1);
        assertThat(stability.get("slow_tests").get(0).get("test").asText()).contains("longClip");
        assertThat(outbox.resolve(run.runId()).resolve("performance-report.md")).content().contains("rejectsEmpty");

        assertThat(notices).singleElement().satisfies(body -> {
            JsonNode notice = Json.json().readTree(body);
            assertThat(notice.get("run_id").asText()).isEqualTo(run.runId());
            assertThat(notice.get("plan").asText()).isEqualTo("stability");
        });
    }

    @Test
    void mailDeliveryNamesTheRunAndItsOutcomeInTheSubject(@TempDir Path dir) throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.writeString(inbox.resolve("TEST-stt.ApiTest.xml"), REPORT);
        MimeMessage[] mails;
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.inbox", inbox.toString(), "sttbench.outbox", outbox.toString(),
                "sttbench.inbox.ready.ms", "200", "sttbench.inbox.poll.ms", "200", "sttbench.inbox.batch.ms", "1000",
                "sttbench.delivery.uris", "smtp://127.0.0.1:" + smtp.getSmtp().getPort()
                        + "?to=perf@example.org&from=sttbench@example.org"), true)) {
            assertThat(app.awaitInboxProcessed(Duration.ofSeconds(60))).isTrue();
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            mails = smtp.getReceivedMessages();
        } finally {
            smtp.stop();
        }
        RunResult run = Outbox.read(outbox.resolve(Delivery.LATEST).resolve(Outbox.RESULTS_FILE));
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("perf@example.org");
        assertThat(mails[0].getSubject()).isEqualTo("sttbench stability run " + run.runId() + ": passed");
        JsonNode notice = Json.json().readTree(GreenMailUtil.getBody(mails[0]));
        assertThat(notice.get("run_id").asText()).isEqualTo(run.runId());
    }

    @Test
    void aMailServerThatIsDownIsReportedAndTheRunStillDelivered(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.writeString(inbox.resolve("TEST-stt.ApiTest.xml"), REPORT);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PipelineApp app = PipelineApp.start(Path.of("").toAbsolutePath(), Map.of(
                "sttbench.inbox", inbox.toString(), "sttbench.outbox", outbox.toString(),
                "sttbench.inbox.ready.ms", "200", "sttbench.inbox.poll.ms", "200", "sttbench.inbox.batch.ms", "1000",
                "sttbench.delivery.uris", "smtp://127.0.0.1:" + closedPort + "?to=perf@example.org&from=sttbench@example.org"
                        + "&connectionTimeout=2000"), true, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(app.awaitInboxProcessed(Duration.ofSeconds(60))).isTrue();
            assertThat(ExitCode.of(app.outcomes().outcome())).as("a notice that cannot be sent does not fail the run").isEqualTo(ExitCode.OK);
        }
        assertThat(outbox.resolve(Delivery.LATEST).resolve(Outbox.RESULTS_FILE)).exists();
        assertThat(console.toString(StandardCharsets.UTF_8)).containsOnlyOnce("delivery failed: ")
                .contains(String.valueOf(closedPort));
    }
}
