package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Netty transport against a raw socket server, for what the JDK stub server never does. */
class NettyTransportTest {
    @TempDir
    Path dir;

    /** Accepts connections; per request, reads it whole and lets {@code answer} write (or not) a response. */
    private static ServerSocket rawServer(Function<String, String> answer, boolean closeAfterEach) throws IOException {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    while (true) {
                        String head = readHead(in);
                        if (head == null) {
                            break;
                        }
                        int length = 0;
                        for (String line : head.split("\r\n")) {
                            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        in.readNBytes(length);
                        String response = answer.apply(head);
                        if (response != null) {
                            out.write(response.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                        if (closeAfterEach || response == null) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // the test closed the server, or the client went away
                }
            }
        }, "raw-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return null;
    }

    private static String ok(String body, boolean close) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n" + body;
    }

    private TranscriptionClient client(ServerSocket server) throws IOException {
        LoadSpec spec = LoadSpec.of(List.of("http://127.0.0.1:" + server.getLocalPort()),
                StubTranscriptionServer.silentWav(dir, 0.2)).withTimeout(Duration.ofSeconds(30));
        return spec.newClient(k -> null, DurationProbe.NONE);
    }

    @Test
    void aServerThatClosesAfterEveryResponseGetsAFreshConnectionEachTime() throws Exception {
        try (ServerSocket server = rawServer(head -> ok("{\"text\":\"x\"}", true), true);
             TranscriptionClient client = client(server)) {
            for (int i = 0; i < 5; i++) {
                RequestOutcome o = client.sendAsync(client.workload().clip(0)).get(20, TimeUnit.SECONDS);
                assertThat(o.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void keepAliveConnectionsCarryRequestsOneAfterTheOtherAndReadTheDuration() throws Exception {
        try (ServerSocket server = rawServer(head -> head.startsWith("POST /v1/audio/transcriptions HTTP/1.1")
                        && head.contains("\r\nHost: 127.0.0.1:") ? ok("{\"text\":\"x\",\"duration\":3.5}", false)
                        : "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", false);
             TranscriptionClient client = client(server)) {
            for (int i = 0; i < 5; i++) {
                RequestOutcome o = client.send(client.workload().clip(0));
                assertThat(o.status()).isEqualTo(200);
                assertThat(o.audioDurationS()).isEqualTo(3.5);
            }
        }
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsAnErrorNotAHang() throws Exception {
        try (ServerSocket server = rawServer(head -> null, true);
             TranscriptionClient client = client(server)) {
            RequestOutcome o = client.sendAsync(client.workload().clip(0)).get(20, TimeUnit.SECONDS);
            assertThat(o.success()).isFalse();
            assertThat(o.status()).isZero();
            assertThat(o.errorCause()).isEqualTo(RequestOutcome.OTHER);
        }
    }
}
