package dev.sluice.bench.report;

import com.fasterxml.jackson.core.JacksonException;
import dev.sluice.bench.proc.JsonLines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes bench JSON, and writes the comparison reports beside a results file. */
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

    /**
     * Writes {@code <stem>-compare.md} and {@code <stem>-compare.html} beside {@code currentFile};
     * prints where and how many regressions were found; returns the number of regressions.
     */
    public static long writeComparison(BenchReport baseline, BenchReport current, Path currentFile, PrintStream out)
            throws IOException {
        List<Comparison.Row> rows = Comparison.compare(baseline, current);
        String stem = currentFile.toString().replaceFirst("\\.json$", "");
        Path markdown = Path.of(stem + "-compare.md");
        Path html = Path.of(stem + "-compare.html");
        Files.writeString(markdown, MarkdownReport.render(baseline, current, rows), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReport.render(baseline, current, rows), StandardCharsets.UTF_8);
        long regressions = rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).count();
        for (Comparison.Row r : rows) {
            if (r.verdict() == Verdict.REGRESSION) {
                out.printf("REGRESSION %s: ratio %s -> %s (%s, tolerance %s)%n", r.id(),
                        Formats.ratio(r.baselineRatio()), Formats.ratio(r.currentRatio()),
                        MarkdownReport.signedPct(r.change()), MarkdownReport.pct(r.tolerance()));
            }
        }
        out.printf("%s; wrote %s and %s%n", regressions == 0 ? "no regression beyond noise"
                : regressions + " regression(s)", markdown, html);
        return regressions;
    }
}
