package org.sttbench.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"sttbench " + (version == null ? "dev" : version)};
    }
}
