package dev.sluice.bench.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** Prints a run's figures as a plain-text table: the goals first, then the headline metrics. */
public final class TablePrinter {
    private static final Set<String> HEADLINE = Set.of("messagesPerSecond", "payloadBytesPerSecond", "p99Micros",
            "totalCpuNanosPerMessage", "serverAllocatedBytesPerMessage", "serverHeapBytesPerConnection", "heapGrowthBytes", "producerStallFraction",
            "p50Millis", "p99Millis", "maxMillis");
    private static final String ROW = "%-52s %18s %8s %9s %8s  %s%n";

    private TablePrinter() {
    }

    public static void print(BenchReport report, PrintStream out) {
        out.printf(ROW, "figure", "median", "control", "ratio", "noise", "goal");
        List<Figure> figures = report.figures();
        figures.stream().filter(f -> f.goal() != null).forEach(f -> row(out, f));
        figures.stream()
                .filter(f -> f.goal() == null && HEADLINE.contains(f.metric()) && relevant(f))
                .forEach(f -> row(out, f));
        for (String note : report.notes()) {
            out.println("note: " + note);
        }
    }

    /** Throughput in bytes matters for the large messages, messages per second for the small ones. */
    private static boolean relevant(Figure figure) {
        boolean large = figure.scenario().startsWith("tput-");
        if (figure.metric().equals("payloadBytesPerSecond")) {
            return large;
        }
        return !large || !figure.metric().equals("messagesPerSecond");
    }

    private static void row(PrintStream out, Figure f) {
        out.printf(ROW, f.id(), Formats.value(f.median(), f.unit()), f.control() == null ? "" : f.control(),
                Formats.ratio(f.ratioMedian()), Formats.noise(f.ratioNoise()), Formats.goal(f));
    }
}
