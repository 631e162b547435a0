package dev.sluice.websocket;

import java.util.Map;
import java.util.TreeMap;

/**
 * The number of tries of the random-input fuzz properties, from the system property {@value #PROPERTY}
 * (default {@value #DEFAULT_TRIES}; {@code -Dsluice.fuzz.tries=1000000} for a long run), and a
 * tally of how the tries ended, printed after each run.
 */
final class FuzzTries {
    static final String PROPERTY = "sluice.fuzz.tries";
    static final int DEFAULT_TRIES = 10_000;

    private static final Map<String, Integer> OUTCOMES = new TreeMap<>();

    private FuzzTries() {
    }

    static int tries() {
        return Integer.getInteger(PROPERTY, DEFAULT_TRIES);
    }

    /** Forgets the outcomes of an earlier run. */
    static synchronized void start() {
        OUTCOMES.clear();
    }

    /** Counts one try's outcome, such as "closed 1002" or "open". */
    static synchronized void record(String outcome) {
        OUTCOMES.merge(outcome, 1, Integer::sum);
    }

    /** Prints how the tries of the run named {@code label} ended. */
    static synchronized void report(String label, int asked, long startNanos, boolean passed) {
        int total = OUTCOMES.values().stream().mapToInt(Integer::intValue).sum();
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("fuzz " + label + ": " + total + " tries (" + asked + " asked) in " + millis + " ms, "
                + (passed ? "SUCCESSFUL" : "FAILED") + "; outcomes " + OUTCOMES);
    }
}
