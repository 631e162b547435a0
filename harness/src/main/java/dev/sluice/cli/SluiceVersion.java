package dev.sluice.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public final class SluiceVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SluiceVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sluice " + (version == null ? "development" : version)};
    }
}
