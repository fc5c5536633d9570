package org.sttbench.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Every output is written whole or not at all: to a hidden temporary file beside the target, forced to
 * disk, then renamed over it. A full disk or a kill half-way leaves the earlier file (or none) and a
 * temporary file, never a truncated report. Temporary files are made with the process's umask, like any
 * other output, so results.json is as readable as the reports beside it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * @param replace false: fail with FileAlreadyExistsException rather than replace an existing target
     */
    public static void write(Path target, byte[] bytes, boolean replace) throws IOException {
        Path temp = temporary(target);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (!replace && Files.exists(target)) {
                throw new FileAlreadyExistsException(target + " exists; it is never overwritten");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
    }
}
