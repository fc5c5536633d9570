package org.sttbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Drops a file into a running inbox the way docs/plans.md advises: written under a hidden name, then
 * renamed, so the inbox never lists a half-written file however slow the machine is.
 */
public final class InboxDrop {
    private InboxDrop() {
    }

    public static Path copy(Path source, Path inbox, String name) throws IOException {
        Path partial = inbox.resolve("." + name + ".part");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
