package dev.sluice.bench.ab;

import dev.sluice.bench.report.Formats;
import java.util.Locale;

/** Values with units for the comparison reports. */
final class AbFormats {
    private AbFormats() {
    }

    static String value(double value, String unit) {
        if (unit.equals("B/msg") && Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%,.0f B/msg", value);
        }
        return Formats.value(value, unit);
    }
}
