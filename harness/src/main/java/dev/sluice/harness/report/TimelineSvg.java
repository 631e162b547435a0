package dev.sluice.harness.report;

import dev.sluice.harness.scenario.Timeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's timeline as inline SVG: bytes echoed per stream over time (one line per stream
 * of each client), fault starts (red), heals (green), detections (orange, dashed) and notes (grey).
 */
final class TimelineSvg {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;
    /** How much time the axis shows before the first bytes or fault. */
    private static final long LEAD_IN_MILLIS = 300;

    private TimelineSvg() {
    }

    static String render(Timeline timeline) {
        List<Timeline.Sample> samples = timeline.samples();
        List<Timeline.Mark> marks = timeline.marks();
        long endMillis = Math.max(
                samples.stream().mapToLong(Timeline.Sample::millis).max().orElse(0),
                marks.stream().mapToLong(Timeline.Mark::millis).max().orElse(0));
        // Node start-up says nothing: the axis starts just before the first bytes or the first fault.
        long firstEvent = Math.min(
                samples.stream().mapToLong(Timeline.Sample::millis).min().orElse(endMillis),
                marks.stream().filter(m -> m.kind() != Timeline.Kind.NOTE).mapToLong(Timeline.Mark::millis).min()
                        .orElse(endMillis));
        long startMillis = Math.max(0, firstEvent - LEAD_IN_MILLIS);
        long maxMillis = Math.max(1, endMillis - startMillis);
        long maxBytes = Math.max(1, samples.stream().flatMapToLong(s -> java.util.Arrays.stream(s.received()))
                .max().orElse(0));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        axes(svg, startMillis, maxMillis, maxBytes);
        streams(svg, samples, startMillis, maxMillis, maxBytes);
        int row = 0;
        for (Timeline.Mark mark : marks) {
            mark(svg, mark, startMillis, maxMillis, row++);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, long startMillis, long maxMillis, long maxBytes) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP, LEFT, bottom));
        for (int i = 0; i <= 4; i++) {
            long ms = maxMillis * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f s</text>%n",
                    x(ms, maxMillis), bottom + 15, (startMillis + ms) / 1000.0));
            long bytes = maxBytes * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 5, y(bytes, maxBytes) + 4, human(bytes)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the"
                + " scenario started; lines: bytes echoed back per stream</text>%n", (LEFT + WIDTH) / 2, HEIGHT - 5));
    }

    private static void streams(StringBuilder svg, List<Timeline.Sample> samples, long startMillis, long maxMillis,
            long maxBytes) {
        Map<String, Map<Integer, StringBuilder>> lines = new LinkedHashMap<>();
        int streamsTotal = 0;
        for (Timeline.Sample sample : samples) {
            Map<Integer, StringBuilder> perStream = lines.computeIfAbsent(sample.client(), c -> new LinkedHashMap<>());
            for (int i = 0; i < sample.received().length; i++) {
                perStream.computeIfAbsent(i, k -> new StringBuilder()).append(String.format(Locale.ROOT,
                        "%.1f,%.1f ", x(sample.millis() - startMillis, maxMillis), y(sample.received()[i], maxBytes)));
            }
        }
        for (Map<Integer, StringBuilder> perStream : lines.values()) {
            streamsTotal += perStream.size();
        }
        int index = 0;
        for (var client : lines.entrySet()) {
            for (var stream : client.getValue().entrySet()) {
                int hue = (int) (360L * index++ / Math.max(1, streamsTotal));
                svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"hsl(%d,70%%,40%%)\""
                        + " stroke-width=\"1.2\" points=\"%s\"><title>%s stream %d</title></polyline>%n", hue,
                        stream.getValue().toString().trim(), Xml.escape(client.getKey()), stream.getKey()));
            }
        }
    }

    private static void mark(StringBuilder svg, Timeline.Mark mark, long startMillis, long maxMillis, int row) {
        String colour = switch (mark.kind()) {
            case FAULT_START -> "#c62828";
            case FAULT_HEAL -> "#2e7d32";
            case DETECTION -> "#ef6c00";
            case NOTE -> "#9e9e9e";
        };
        String dash = mark.kind() == Timeline.Kind.DETECTION ? " stroke-dasharray=\"4,3\""
                : mark.kind() == Timeline.Kind.NOTE ? " stroke-dasharray=\"1,3\"" : "";
        double x = x(Math.max(0, mark.millis() - startMillis), maxMillis);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"%s>"
                + "<title>%s at %d ms</title></line>%n", x, TOP, x, HEIGHT - BOTTOM, colour, dash,
                Xml.escape(mark.label()), mark.millis()));
        if (mark.kind() != Timeline.Kind.NOTE) {
            // Labels on the right half read leftwards, so they stay inside the picture.
            boolean leftwards = x > (LEFT + WIDTH) / 2.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"%s\">%s</text>%n",
                    leftwards ? x - 3 : x + 3, TOP + 12 + 13 * (row % 8), colour, leftwards ? "end" : "start",
                    Xml.escape(mark.label())));
        }
    }

    private static double x(long millis, long maxMillis) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) millis / maxMillis;
    }

    private static double y(long bytes, long maxBytes) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (double) bytes / maxBytes;
    }

    private static String human(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
        if (bytes >= 1 << 10) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }
}
