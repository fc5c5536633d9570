package org.sttbench.exec.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sttbench.exec.InstanceLabel;

/**
 * Removes the containers a killed sttbench left running: those labelled with this instance's
 * {@link InstanceLabel} and created before this process started, and no other. Called at start, while
 * this process holds the inbox lock, so no live process of the same instance can own one; the creation
 * time keeps it off the containers this process starts meanwhile (it runs beside the first runs, so a
 * slow engine does not hold up the start).
 */
public final class OrphanContainers {
    private OrphanContainers() {
    }

    /**
     * @param startedAt containers created from this second on are left alone
     * @return the names of the containers removed; empty when the engine does not answer (it then holds
     *         none of ours that could be running)
     */
    public static List<String> remove(String host, String instance, Instant startedAt) {
        DockerClient docker;
        try {
            docker = DockerClients.open(host);
        } catch (RuntimeException e) {
            return List.of();
        }
        try (docker) {
            List<Container> found = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(InstanceLabel.KEY, instance)).exec();
            return found.stream().filter(c -> c.getCreated() != null && c.getCreated() < startedAt.getEpochSecond())
                    .map(c -> {
                        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                        return c.getNames() == null || c.getNames().length == 0 ? c.getId()
                                : c.getNames()[0].replaceFirst("^/", "");
                    }).toList();
        } catch (RuntimeException e) {
            // no engine here (nothing to clean), or it went away: the next start tries again
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
