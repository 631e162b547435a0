package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path root;

    @Test
    void theBenchJarIsRebuiltWhenMissingOrOlderThanASource() throws Exception {
        Path source = root.resolve("bench/src/main/java/Example.java");
        Files.createDirectories(source.getParent());
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("bench/pom.xml"), "<project/>");
        Files.writeString(source, "class Example {}");
        Path jar = root.resolve(BenchCommand.BENCH_JAR);

        assertThat(BenchCommand.stale(root, jar)).as("missing jar").isTrue();

        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Instant now = Instant.now();
        for (Path p : new Path[] {root.resolve("pom.xml"), root.resolve("bench/pom.xml"), source}) {
            Files.setLastModifiedTime(p, FileTime.from(now.minusSeconds(60)));
        }
        Files.setLastModifiedTime(jar, FileTime.from(now));
        assertThat(BenchCommand.stale(root, jar)).as("jar newer than every source").isFalse();

        Files.setLastModifiedTime(source, FileTime.from(now.plusSeconds(5)));
        assertThat(BenchCommand.stale(root, jar)).as("a source changed after the build").isTrue();
    }

    @Test
    void compareWithoutABaselineRevisionIsAUsageError() {
        int code = SluiceCli.run("bench", "compare", "--quick");

        assertThat(code).isNotZero();
    }

    @Test
    void storedBaselineFilesAreNoLongerAccepted() {
        int code = SluiceCli.run("bench", "--compare", root.resolve("baseline.json").toString());

        assertThat(code).isNotZero();
    }
}
