package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.testing.Console;

/**
 * Containers outlive a killed orchestrator: the next {@code run} on the same inbox removes those
 * labelled with its instance, and leaves every other container alone (real Docker engine).
 */
class OrphanContainersTest {
    @TempDir
    Path dir;

    @Test
    void theNextStartRemovesItsOwnContainersAndNoOthers() throws Exception {
        DockerClient docker = DockerTestSupport.client();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String image = docker.listImagesCmd().exec().stream().map(Image::getRepoTags)
                .filter(tags -> tags != null && tags.length > 0 && !tags[0].startsWith("<none>")).map(tags -> tags[0])
                .findFirst().orElseThrow(() -> new AssertionError("no tagged image in the engine"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // created, not started: a container a killed run left behind is found the same way
        String ours = docker.createContainerCmd(image).withName("sttbench-orphan-" + suffix)
                .withLabels(Map.of(InstanceLabel.KEY, InstanceLabel.of(inbox))).exec().getId();
        String theirs = docker.createContainerCmd(image).withName("sttbench-other-" + suffix)
                .withLabels(Map.of(InstanceLabel.KEY, InstanceLabel.of(dir.resolve("another-inbox")))).exec().getId();
        try {
            // only containers created before the start are taken for orphans; creation times are whole seconds
            long created = docker.inspectContainerCmd(ours).exec().getCreated() == null ? 0
                    : Instant.parse(docker.inspectContainerCmd(ours).exec().getCreated()).getEpochSecond();
            while (Instant.now().getEpochSecond() <= created) {
                Thread.sleep(50);
            }
            Console c = Console.run("run", "--once", "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString());

            assertThat(c.exitCode()).as(c.out() + c.err()).isZero();
            assertThat(c.out()).contains("removed container sttbench-orphan-" + suffix);
            assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(ours)).exec())
                    .as("the orphan of this inbox is gone").isEmpty();
            assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(theirs)).exec())
                    .as("another inbox's container is left alone").hasSize(1);
        } finally {
            for (String id : new String[] {ours, theirs}) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException e) {
                    // already removed
                }
            }
        }
    }
}
