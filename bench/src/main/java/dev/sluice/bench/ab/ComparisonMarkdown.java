package dev.sluice.bench.ab;

import java.util.Locale;
import java.util.stream.Collectors;

/** {@code comparison.md}: the outcome, what was compared, and every figure with its interval. */
final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    static String render(AbReport report) {
        StringBuilder md = new StringBuilder("# Sluice A/B comparison\n\n");
        md.append("**").append(headline(report)).append("**\n\n");
        md.append("| | revision | commit |\n|---|---|---|\n");
        md.append("| baseline | ").append(report.baseline().revision()).append(" | ")
                .append(report.baseline().commit()).append(" |\n");
        md.append("| candidate | ").append(report.candidate().revision()).append(" | ")
                .append(report.candidate().commit()).append(" |\n\n");
        md.append("Plan: ").append(report.plan()).append(". Wall time ")
                .append(String.format(Locale.ROOT, "%.0f s", report.wallSeconds())).append(".\n\n");
        md.append("Load average (1 min) at the start of each scenario and at the end: ")
                .append(report.loadAverages().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                        .collect(Collectors.joining(", ")))
                .append(". Environment: ").append(report.environment()).append(".\n\n");
        md.append("Method: ").append(AbReport.METHOD).append(". Ratio = candidate / baseline, so for "
                + "throughput below 1.0x is worse, for CPU, allocation and latency above 1.0x is worse. "
                + "\"±\" is the interval's half-width: the smallest change this run could resolve for that figure.\n\n");
        md.append("| figure | ratio | 95% interval | ± | per fork | threshold | verdict | baseline median | candidate median |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (AbFigure f : report.figures()) {
            md.append("| ").append(f.id())
                    .append(" | ").append(ratio(f.ratio()))
                    .append(" | ").append(ratio(f.ciLow())).append(" – ").append(ratio(f.ciHigh()))
                    .append(" | ±").append(percent(f.halfWidth()))
                    .append(" | ").append(forkRatios(f))
                    .append(" | ").append(percent(f.threshold()))
                    .append(" | ").append(verdictText(f))
                    .append(" | ").append(AbFormats.value(f.baselineMedian(), f.unit()))
                    .append(" | ").append(AbFormats.value(f.candidateMedian(), f.unit())).append(" |\n");
        }
        if (!report.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    static String headline(AbReport report) {
        long regressions = report.count(AbVerdict.REGRESSION);
        String counts = String.format(Locale.ROOT, "%d regression, %d improvement, %d same, %d inconclusive",
                regressions, report.count(AbVerdict.IMPROVEMENT), report.count(AbVerdict.SAME),
                report.count(AbVerdict.INCONCLUSIVE));
        if (report.outcome().equals(CompareCommand.FAILED)) {
            return "The run failed; figures below are incomplete (" + counts + ")";
        }
        return (regressions == 0 ? "No regression" : regressions + " figure(s) regressed") + ": " + counts;
    }

    /** The verdict, and for an inconclusive one how wide the interval was against the threshold. */
    static String verdictText(AbFigure f) {
        switch (f.verdictValue()) {
            case REGRESSION:
                return "**REGRESSION**";
            case INCONCLUSIVE:
                if (f.forksDisagree()) {
                    return "inconclusive (the interval lies beyond the threshold, but not every fork's own ratio "
                            + "does: " + forkRatios(f) + "; one JVM pair can't flag alone)";
                }
                if (f.confidence() == 0) {
                    return "inconclusive (" + f.pairs() + " paired rounds: too few for a 95% interval)";
                }
                return "inconclusive (interval ±" + percent(f.halfWidth()) + ", wider than the threshold "
                        + percent(f.threshold()) + " allows)";
            default:
                return f.verdict();
        }
    }

    /** Each fork's own ratio, in fork order. */
    static String forkRatios(AbFigure f) {
        return f.forkRatios().stream().map(ComparisonMarkdown::ratio).collect(Collectors.joining(", "));
    }

    static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3fx", value) : "n/a";
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "n/a";
    }
}
