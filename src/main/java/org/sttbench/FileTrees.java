package org.sttbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a folder with everything in it, deepest entries first, as every place that does so needs. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and its contents; nothing to do when it does not exist; fails on the first entry that stays. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** For scratch folders: deletes what it can and says whether everything went. */
    public static boolean deleteQuietly(Path dir) {
        try {
            delete(dir);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
