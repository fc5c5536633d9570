package org.sttbench.cli;

import java.nio.file.Path;

/** The installation folder (routes/, templates/, plans/): set by the launcher, else the working directory. */
final class Home {
    private Home() {
    }

    static Path dir() {
        String home = System.getProperty("sttbench.home");
        return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }
}
