package org.sttbench.exec.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * How the docker executor runs units.
 *
 * @param host         engine address, e.g. unix:///var/run/docker.sock
 * @param image        the worker image reference (repository:tag), asked for when first needed
 * @param memoryBytes  memory limit per container; swap is not allowed on top of it
 * @param cgroupParent cgroup the containers are created under, null for the engine's default
 * @param user         "auto" runs as the caller's uid:gid (so mounted files are readable exactly when
 *                     the caller could read them), "image" uses the image's own non-root user, anything
 *                     else is passed to the engine as is (e.g. "1000:1000")
 * @param network      network mode; "none" by default: a worker reads local files and needs no network
 */
public record DockerSettings(String host, Supplier<String> image, long memoryBytes, String cgroupParent, String user,
                             String network) {
    public static final long DEFAULT_MEMORY_BYTES = 2L * 1024 * 1024 * 1024;

    public static DockerSettings defaults(Supplier<String> image) {
        return new DockerSettings(DockerClients.resolveHost(null), image, DEFAULT_MEMORY_BYTES, null, "auto", "none");
    }

    public DockerSettings withHost(String newHost) {
        return new DockerSettings(newHost, image, memoryBytes, cgroupParent, user, network);
    }

    public DockerSettings withMemoryBytes(long bytes) {
        return new DockerSettings(host, image, bytes, cgroupParent, user, network);
    }

    /** The user a container runs as: {@link #user()} resolved, "" for the image's own user. */
    public String containerUser() {
        if (user == null || user.isBlank() || user.equals("auto")) {
            try {
                Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                Object gid = Files.getAttribute(Path.of("/proc/self"), "unix:gid");
                return uid + ":" + gid;
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
        return user.equals("image") ? "" : user;
    }
}
