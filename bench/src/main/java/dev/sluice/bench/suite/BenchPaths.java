package dev.sluice.bench.suite;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the bench module's directory (for the Node target's scripts) from the working directory or the jar. */
public final class BenchPaths {
    public static final String PROPERTY = "sluice.bench.dir";
    private static final int LEVELS_UP = 4;

    private BenchPaths() {
    }

    /** The directory holding node/echo-server.js, if it can be found. */
    public static Optional<Path> benchDir() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(BenchPaths::isBenchDir);
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(BenchPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source: the working directory is all we have
        }
        for (Path start : starts) {
            Path dir = start;
            for (int i = 0; i <= LEVELS_UP && dir != null; i++, dir = dir.getParent()) {
                if (isBenchDir(dir)) {
                    return Optional.of(dir);
                }
                if (isBenchDir(dir.resolve("bench"))) {
                    return Optional.of(dir.resolve("bench"));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBenchDir(Path dir) {
        return Files.isRegularFile(dir.resolve("node").resolve("echo-server.js"));
    }
}
