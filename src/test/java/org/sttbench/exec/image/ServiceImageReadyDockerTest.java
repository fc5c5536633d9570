package org.sttbench.exec.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.docker.DockerSettings;

/** On the real engine: a service plan's readiness check looks for the service's image, not the worker image. */
@Tag("docker")
class ServiceImageReadyDockerTest {
    @Test
    void dockerChecksTheServiceImageAndNamesItWhenMissing(@TempDir Path dir) throws Exception {
        var client = DockerTestSupport.client();
        String tag = "sttbench-test-ready:" + UUID.randomUUID().toString().substring(0, 8);
        Path archive = dir.resolve("image.tar");
        ServiceImageBuilder.writeArchive(Path.of("/bin/true"), Files.createDirectories(dir.resolve("work")), archive, tag);
        try (var in = Files.newInputStream(archive)) {
            client.loadImageCmd(in).exec();
        }
        // the executor's worker image does not exist on this engine
        DockerExecutor docker = new DockerExecutor(DockerSettings.defaults(() -> "sttbench-worker:absent-" + tag.substring(20)),
                l -> { });
        try {
            assertThatThrownBy(docker::checkReady).isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessageContaining("worker image sttbench-worker:absent-");
            docker.checkReady(tag);
            String missing = tag + "-gone";
            assertThatThrownBy(() -> docker.checkReady(missing)).isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessage("service image " + missing + " not found; images are not pulled: build or load it on this engine");
        } finally {
            docker.close();
            client.removeImageCmd(tag).withForce(false).exec();
        }
    }
}
