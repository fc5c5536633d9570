package org.sttbench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds this process's cgroup folders for v1 controllers and the v2 unified hierarchy by joining
 * {@code /proc/self/cgroup} with {@code /proc/self/mountinfo}. Inside a container the mount root is the
 * container's own cgroup, so the relative path must be cut against it rather than appended whole.
 */
final class CgroupFiles {
    private final Path root;
    private final Map<String, Path> v1 = new HashMap<>();
    private Path v2;

    private CgroupFiles(Path root) {
        this.root = root;
    }

    /** @param root "/" on a real system; a fake tree in tests */
    static CgroupFiles discover(Path root) {
        CgroupFiles files = new CgroupFiles(root);
        try {
            files.load();
        } catch (IOException | RuntimeException e) {
            // no /proc (macOS) or an unreadable layout: behave as "no limits known"
        }
        return files;
    }

    private void load() throws IOException {
        Map<String, String> groupOfController = new HashMap<>();
        String unifiedGroup = null;
        for (String line : Files.readAllLines(root.resolve("proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                unifiedGroup = parts[2];
            } else {
                for (String controller : parts[1].split(",")) {
                    groupOfController.put(controller, parts[2]);
                }
            }
        }
        for (String line : Files.readAllLines(root.resolve("proc/self/mountinfo"))) {
            // id parent major:minor root mountpoint options [optional fields] - fstype source superoptions
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            String mountRoot = left[3];
            Path mountPoint = root.resolve(left[4].substring(1));
            if (right[0].equals("cgroup2") && unifiedGroup != null && v2 == null) {
                v2 = join(mountPoint, mountRoot, unifiedGroup);
            } else if (right[0].equals("cgroup")) {
                for (String option : right[2].split(",")) {
                    String group = groupOfController.get(option);
                    if (group != null && !v1.containsKey(option)) {
                        v1.put(option, join(mountPoint, mountRoot, group));
                    }
                }
            }
        }
    }

    private static Path join(Path mountPoint, String mountRoot, String group) {
        String relative = group.startsWith(mountRoot) ? group.substring(mountRoot.length()) : group;
        relative = relative.replaceFirst("^/+", "");
        Path candidate = relative.isEmpty() ? mountPoint : mountPoint.resolve(relative);
        // some runtimes show the host path in /proc/self/cgroup but mount the container's group at the root
        return Files.isDirectory(candidate) ? candidate : mountPoint;
    }

    Optional<Path> v1(String controller) {
        return Optional.ofNullable(v1.get(controller));
    }

    Optional<Path> v2() {
        return Optional.ofNullable(v2).filter(p -> Files.exists(p.resolve("cgroup.controllers")));
    }

    Path root() {
        return root;
    }

    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
