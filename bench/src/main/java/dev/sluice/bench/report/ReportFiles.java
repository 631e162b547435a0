package dev.sluice.bench.report;

import com.fasterxml.jackson.core.JacksonException;
import dev.sluice.bench.proc.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes bench results JSON. */
public final class ReportFiles {
    private ReportFiles() {
    }

    public static BenchReport read(Path file) throws IOException {
        try {
            BenchReport report = JsonLines.MAPPER.readValue(file.toFile(), BenchReport.class);
            if (report.schema() != BenchReport.SCHEMA || report.figures() == null) {
                throw new IOException(file + " is not a bench results file of schema " + BenchReport.SCHEMA);
            }
            return report;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IOException("no such results file: " + file, e);
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid bench results JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(BenchReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JsonLines.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
    }
}
