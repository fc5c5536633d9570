package org.sttbench.exec.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image layer as a tar: entries sorted by name, every parent folder present, modes explicit and one
 * fixed modification time, so the same content gives the same bytes and so the same layer digest.
 */
final class LayerTar {
    private static final long FIXED_MTIME_MS = 946_684_800_000L;   // 2000-01-01: the layer is reproducible

    private interface LayerEntry {
        void write(TarArchiveOutputStream tar, String name) throws IOException;
    }

    private final Map<String, LayerEntry> entries = new TreeMap<>();

    void dir(String name, int mode) {
        addDir(entries, name, mode);
    }

    void file(String name, Path file, int mode) {
        addFile(entries, name, file, mode);
    }

    void bytes(String name, byte[] content, int mode) {
        addBytes(entries, name, content, mode);
    }

    /** Writes the entries in name order. */
    void writeTo(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = open(out)) {
            for (Map.Entry<String, LayerEntry> entry : entries.entrySet()) {
                entry.getValue().write(tar, entry.getKey());
            }
        }
    }

    static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static void addParents(Map<String, LayerEntry> entries, String name) {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            String parent = name.substring(0, slash);
            if (!entries.containsKey(parent)) {
                addDir(entries, parent, 0755);
            }
        }
    }

    private static void addDir(Map<String, LayerEntry> entries, String name, int mode) {
        addParents(entries, name);
        entries.put(name, (tar, n) -> {
            TarArchiveEntry entry = new TarArchiveEntry(n + "/");
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
            entry.setModTime(FIXED_MTIME_MS);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
    }

    private static void addFile(Map<String, LayerEntry> entries, String name, Path file, int mode) {
        addParents(entries, name);
        entries.put(name, (tar, n) -> writeFile(tar, n, file, mode));
    }

    private static void addBytes(Map<String, LayerEntry> entries, String name, byte[] content, int mode) {
        addParents(entries, name);
        entries.put(name, (tar, n) -> writeBytes(tar, n, content, mode));
    }

    static void writeFile(TarArchiveOutputStream tar, String name, Path file, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    static void writeBytes(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(FIXED_MTIME_MS);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
