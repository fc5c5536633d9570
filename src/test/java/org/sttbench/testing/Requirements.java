package org.sttbench.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need a Docker engine or Chromium skip with a message on a developer machine without them,
 * and fail in CI, where .ci/run installs both and sets STTBENCH_REQUIRE_DOCKER / STTBENCH_REQUIRE_CHROMIUM.
 */
public final class Requirements {
    private Requirements() {
    }

    public static void docker() {
        boolean up = dockerAnswers();
        if (System.getenv("STTBENCH_REQUIRE_DOCKER") != null && !up) {
            throw new IllegalStateException("STTBENCH_REQUIRE_DOCKER is set but no Docker engine answers on /var/run/docker.sock");
        }
        assumeTrue(up, "no Docker engine on /var/run/docker.sock: start dockerd to run this test");
    }

    public static Path chromium() {
        Path found = null;
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                found = Path.of(candidate);
                break;
            }
        }
        if (System.getenv("STTBENCH_REQUIRE_CHROMIUM") != null && found == null) {
            throw new IllegalStateException("STTBENCH_REQUIRE_CHROMIUM is set but chromium is not installed");
        }
        assumeTrue(found != null, "chromium not installed: apt-get install -y chromium to run this test");
        return found;
    }

    static boolean dockerAnswers() {
        Path socket = Path.of("/var/run/docker.sock");
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes()));
            ByteBuffer reply = ByteBuffer.allocate(64);
            channel.read(reply);
            return new String(reply.array(), 0, reply.position()).contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }
}
