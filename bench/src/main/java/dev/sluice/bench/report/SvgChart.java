package dev.sluice.bench.report;

import dev.sluice.bench.report.Comparison.Row;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG bar chart of ratios to control: per figure a grey bar for the baseline and a
 * coloured bar for this run, whiskers for each run's noise, and a dashed line at 1.0x.
 */
final class SvgChart {
    private static final int LABEL_WIDTH = 330;
    private static final int PLOT_WIDTH = 420;
    private static final int ROW_HEIGHT = 34;
    private static final int TOP = 24;

    private SvgChart() {
    }

    static String ratios(String title, List<Row> rows) {
        double max = 1.2;
        for (Row r : rows) {
            max = Math.max(max, upper(r.baselineRatio(), r.baselineNoise()));
            max = Math.max(max, upper(r.currentRatio(), r.currentNoise()));
        }
        max = Math.min(max, 20);
        int height = TOP + rows.size() * ROW_HEIGHT + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">", LABEL_WIDTH + PLOT_WIDTH + 70, height));
        svg.append("<text x=\"4\" y=\"14\" font-weight=\"bold\">").append(escape(title)).append("</text>");
        double unit = PLOT_WIDTH / max;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = TOP + i * ROW_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>", y + 18,
                    escape(r.target() + " " + r.metric())));
            bar(svg, y + 3, r.baselineRatio(), r.baselineNoise(), unit, "#bbbbbb", max);
            bar(svg, y + 16, r.currentRatio(), r.currentNoise(), unit, colour(r.verdict()), max);
            if (r.currentRatio() != null) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.2fx</text>",
                        LABEL_WIDTH + PLOT_WIDTH + 6, y + 26, r.currentRatio()));
            }
        }
        double oneX = LABEL_WIDTH + unit;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" "
                + "stroke-dasharray=\"4 3\"/>", oneX, TOP - 4, oneX, height - 16));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">1.0x control</text>", oneX - 30,
                height - 4));
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, int y, Double ratio, Double noise, double unit, String colour,
                            double max) {
        if (ratio == null) {
            return;
        }
        double width = Math.min(ratio, max) * unit;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>",
                LABEL_WIDTH, y, width, colour));
        if (noise != null && noise > 0) {
            double lo = LABEL_WIDTH + Math.max(0, ratio * (1 - noise)) * unit;
            double hi = LABEL_WIDTH + Math.min(max, ratio * (1 + noise)) * unit;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>",
                    lo, y + 5, hi, y + 5));
        }
    }

    private static double upper(Double ratio, Double noise) {
        return ratio == null ? 0 : ratio * (1 + (noise == null ? 0 : noise)) * 1.05;
    }

    private static String colour(Verdict verdict) {
        switch (verdict) {
            case REGRESSION:
                return "#d9534f";
            case IMPROVEMENT:
                return "#5cb85c";
            default:
                return "#4a90d9";
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
