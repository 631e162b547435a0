package dev.sluice.bench.report;

import dev.sluice.bench.report.Comparison.Row;
import java.util.List;
import java.util.Locale;

/** The comparison as Markdown: verdict, regressions, goals, then every compared ratio. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(BenchReport baseline, BenchReport current, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        long regressions = rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).count();
        md.append("# Sluice benchmark comparison\n\n");
        md.append(regressions == 0 ? "**No regression** beyond the measured noise.\n\n"
                : "**" + regressions + " regression(s)** beyond the measured noise.\n\n");
        md.append("Every verdict is on a ratio to a control measured in the same run (raw Netty wss echo for "
                + "Sluice and ws, raw Netty ws for Node), never on absolute figures: these machines are shared. "
                + "Only Sluice's headline figures are gated; the rest is context. "
                + "Tolerance = noise of the baseline + noise of this run (half the range of the per-round ratios), "
                + "at least " + pct(Comparison.MIN_TOLERANCE) + ".\n\n");
        md.append("| | baseline | this run |\n|---|---|---|\n");
        md.append("| started | ").append(baseline.startedAt()).append(" | ").append(current.startedAt()).append(" |\n");
        md.append("| mode | ").append(mode(baseline)).append(" | ").append(mode(current)).append(" |\n");
        md.append("| environment | ").append(baseline.environment()).append(" | ").append(current.environment())
                .append(" |\n\n");
        if (!String.valueOf(baseline.plan()).equals(String.valueOf(current.plan()))) {
            md.append("Note: the two runs followed different plans (rounds, windows or idle connections); "
                    + "ratios still compare, but less tightly.\n\n");
        }

        List<Row> flagged = rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
        if (!flagged.isEmpty()) {
            md.append("## Regressions\n\n");
            table(md, flagged);
        }
        List<Row> goals = rows.stream().filter(r -> r.goal() != null).toList();
        if (!goals.isEmpty()) {
            md.append("## Targets\n\n| figure | ratio to control | goal | met |\n|---|---|---|---|\n");
            for (Row r : goals) {
                md.append("| ").append(r.id()).append(" | ").append(Formats.ratio(r.currentRatio())).append(" ")
                        .append(Formats.noise(r.currentNoise())).append(" | ").append(r.goal()).append(" | ")
                        .append(Boolean.TRUE.equals(r.goalMet()) ? "yes" : "**no**").append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Gated figures\n\n");
        table(md, rows.stream().filter(r -> r.currentRatio() != null && r.verdict() != Verdict.INFORMATIONAL).toList());
        md.append("## Other ratios (context, never flagged)\n\n");
        table(md, rows.stream().filter(r -> r.currentRatio() != null && r.verdict() == Verdict.INFORMATIONAL).toList());
        if (!current.notes().isEmpty()) {
            md.append("## Notes on this run\n\n");
            current.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<Row> rows) {
        md.append("| figure | baseline ratio | this run ratio | change | tolerance | verdict | value now |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.id())
                    .append(" | ").append(Formats.ratio(r.baselineRatio())).append(' ').append(Formats.noise(r.baselineNoise()))
                    .append(" | ").append(Formats.ratio(r.currentRatio())).append(' ').append(Formats.noise(r.currentNoise()))
                    .append(" | ").append(Double.isNaN(r.change()) ? "" : signedPct(r.change()))
                    .append(" | ").append(Double.isNaN(r.tolerance()) ? "" : pct(r.tolerance()))
                    .append(" | ").append(verdict(r.verdict()))
                    .append(" | ").append(Formats.value(r.currentMedian(), r.unit())).append(" |\n");
        }
        md.append('\n');
    }

    static String verdict(Verdict verdict) {
        switch (verdict) {
            case REGRESSION:
                return "**REGRESSION**";
            case IMPROVEMENT:
                return "improvement";
            case WITHIN_NOISE:
                return "within noise";
            case INFORMATIONAL:
                return "info";
            default:
                return "not compared";
        }
    }

    private static String mode(BenchReport report) {
        return (report.quick() ? "quick" : "full") + ", " + report.plan().get("rounds") + " rounds";
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String signedPct(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
