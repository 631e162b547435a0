package dev.sluice.bench.ab;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The measuring instrument both sides of a comparison share: this build's bench classes (load
 * generator, echo servers, statistics) without the transport. Put first on each side's class
 * path, before that side's own jar, they shadow the bench classes of the other revision, so both
 * revisions are measured by the same code and only the transport (and its dependencies) differs.
 */
final class Instrument {
    private static final String BENCH_PACKAGE = "dev/sluice/bench/";

    private Instrument() {
    }

    /** The jar or class directory this code runs from. */
    static Path runningFrom() {
        try {
            return Path.of(Instrument.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell which jar the benchmark runs from: " + e.getMessage(), e);
        }
    }

    /**
     * The bench classes alone: the class directory itself when running from one, else a jar of the
     * running jar's {@code dev/sluice/bench/} entries written to {@code target}.
     */
    static Path benchClasses(Path target) throws IOException {
        Path running = runningFrom();
        if (Files.isDirectory(running)) {
            return running;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (JarFile jar = new JarFile(running.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(BENCH_PACKAGE)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                if (!entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        return target;
    }
}
