package dev.sluice.bench.report;

import java.util.Locale;

/** Human formatting of figures for tables and reports. */
public final class Formats {
    private Formats() {
    }

    public static String value(double value, String unit) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        switch (unit) {
            case "B/s":
                return String.format(Locale.ROOT, "%,.1f MiB/s", value / (1024 * 1024));
            case "B":
                return String.format(Locale.ROOT, "%,.0f B", value);
            case "ms":
                return String.format(Locale.ROOT, "%,.1f ms", value);
            case "":
                return String.format(Locale.ROOT, "%.3f", value);
            case "us":
                return String.format(Locale.ROOT, "%,.0f us", value);
            default:
                return String.format(Locale.ROOT, "%,.0f %s", value, unit);
        }
    }

    public static String ratio(Double ratio) {
        return ratio == null ? "" : String.format(Locale.ROOT, "%.3fx", ratio);
    }

    public static String noise(Double noise) {
        return noise == null ? "" : String.format(Locale.ROOT, "±%.1f%%", noise * 100);
    }

    public static String goal(Figure figure) {
        if (figure.goal() == null) {
            return "";
        }
        return figure.goal() + (Boolean.TRUE.equals(figure.goalMet()) ? " met" : " MISSED");
    }
}
