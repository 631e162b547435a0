package dev.sluice.conformance;

import java.util.Comparator;

/**
 * One Autobahn case result as the expected-results file records it.
 *
 * @param id             the case id, such as {@code 6.4.3}
 * @param behaviour      the suite's verdict on the exchange: OK, NON-STRICT, INFORMATIONAL, FAILED, ...
 * @param closeBehaviour the suite's verdict on the closing handshake: OK, WRONG CODE, ...
 */
public record AutobahnCase(String id, String behaviour, String closeBehaviour) {
    /** Orders ids numerically part by part (9.10.1 after 9.2.1). */
    public static final Comparator<String> ID_ORDER = AutobahnCase::compareIds;

    /** The line of the expected-results file: id, behaviour and closing result, tab-separated. */
    public String line() {
        return id + "\t" + behaviour + "\t" + closeBehaviour;
    }

    private static int compareIds(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = Integer.compare(parse(a[i]), parse(b[i]));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException notNumeric) {
            return Integer.MAX_VALUE;
        }
    }
}
