package org.sttbench.report;

import java.nio.file.Path;
import org.sttbench.results.RunResult;

/** The report fixtures for tests in other packages. */
public final class FixtureAccess {
    private FixtureAccess() {
    }

    public static RunResult load(String name) {
        return Fixtures.load(name);
    }

    public static Path file(String name) {
        return Fixtures.file(name);
    }
}
