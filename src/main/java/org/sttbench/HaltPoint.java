package org.sttbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Named moments at which a test can stop the process for ever, to kill it there with SIGKILL: with
 * {@code -Dsttbench.test.halt-at=<point>} and {@code -Dsttbench.test.halt-marker=<file>}, the process
 * that reaches that point writes its pid into the marker file and waits until it is killed. Without the
 * properties (every real run) a point costs one property lookup. This is how the crash tests hit a
 * moment (a unit in progress, the results written but not the reports) without guessing it with sleeps.
 */
public final class HaltPoint {
    public static final String AT = "sttbench.test.halt-at";
    public static final String MARKER = "sttbench.test.halt-marker";

    private HaltPoint() {
    }

    public static void reach(String point) {
        if (!point.equals(System.getProperty(AT))) {
            return;
        }
        String marker = System.getProperty(MARKER);
        try {
            if (marker != null) {
                Path temp = Path.of(marker + ".tmp");
                Files.writeString(temp, Long.toString(ProcessHandle.current().pid()));
                Files.move(temp, Path.of(marker), StandardCopyOption.ATOMIC_MOVE);
            }
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("halt point " + point + ": " + e.getMessage(), e);
        }
    }
}
