package dev.sluice.bench.ab;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG interval chart of one scenario: per figure its ratio as a dot and its 95% interval
 * as a bar, on a log scale, over a band for the "same" zone (1 - t .. 1 + t) and a line at 1.0x.
 * Red: regression; green: improvement; blue: same; grey: inconclusive.
 */
final class IntervalChart {
    private static final int LABEL_WIDTH = 300;
    private static final int PLOT_WIDTH = 460;
    private static final int ROW_HEIGHT = 26;
    private static final int TOP = 28;
    private static final double MIN_SPAN = 0.25;

    private IntervalChart() {
    }

    static String render(String title, List<AbFigure> figures) {
        double low = 1 - MIN_SPAN;
        double high = 1 + MIN_SPAN;
        for (AbFigure f : figures) {
            if (Double.isFinite(f.ciLow()) && Double.isFinite(f.ciHigh())) {
                low = Math.min(low, f.ciLow() * 0.95);
                high = Math.max(high, f.ciHigh() * 1.05);
            }
        }
        low = Math.max(low, 0.05);
        high = Math.min(high, 20);
        Scale x = new Scale(Math.log(low), Math.log(high));
        int height = TOP + figures.size() * ROW_HEIGHT + 24;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">", LABEL_WIDTH + PLOT_WIDTH + 90, height));
        svg.append("<text x=\"4\" y=\"16\" font-weight=\"bold\">").append(escape(title)).append("</text>");
        for (int i = 0; i < figures.size(); i++) {
            AbFigure f = figures.get(i);
            int y = TOP + i * ROW_HEIGHT;
            double bandLow = x.at(Math.log(Math.max(low, 1 - f.threshold())));
            double bandHigh = x.at(Math.log(Math.min(high, 1 + f.threshold())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#eeeeee\"/>", bandLow, y, bandHigh - bandLow, ROW_HEIGHT - 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>", y + 15,
                    escape(f.target() + " " + f.metric())));
            if (Double.isFinite(f.ratio())) {
                String colour = colour(f.verdictValue());
                double from = x.at(Math.log(clamp(f.ciLow(), low, high)));
                double to = x.at(Math.log(clamp(f.ciHigh(), low, high)));
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"%s\" stroke-width=\"4\"/>", from, y + 11, to, y + 11, colour));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\" "
                        + "stroke=\"#000\"/>", x.at(Math.log(clamp(f.ratio(), low, high))), y + 11, colour));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.3fx %s</text>",
                        LABEL_WIDTH + PLOT_WIDTH + 6, y + 15, f.ratio(), escape(f.verdict())));
            }
        }
        double one = x.at(0);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" "
                + "stroke-dasharray=\"4 3\"/>", one, TOP - 4, one, height - 20));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">1.0x</text>", one - 12, height - 6));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.2fx</text>", LABEL_WIDTH, height - 6, low));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.2fx</text>",
                LABEL_WIDTH + PLOT_WIDTH, height - 6, high));
        return svg.append("</svg>").toString();
    }

    private record Scale(double from, double to) {
        double at(double logValue) {
            return LABEL_WIDTH + (logValue - from) / (to - from) * PLOT_WIDTH;
        }
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static String colour(AbVerdict verdict) {
        switch (verdict) {
            case REGRESSION:
                return "#d9534f";
            case IMPROVEMENT:
                return "#5cb85c";
            case SAME:
                return "#4a90d9";
            default:
                return "#999999";
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
