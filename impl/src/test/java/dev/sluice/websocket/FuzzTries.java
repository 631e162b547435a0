package dev.sluice.websocket;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets the number of fuzz tries from the system property {@value #PROPERTY} (default
 * {@value #DEFAULT_TRIES}; {@code -Dsluice.fuzz.tries=1000000} for a long run) and prints how the
 * tries ended.
 */
public final class FuzzTries implements AroundPropertyHook {
    public static final String PROPERTY = "sluice.fuzz.tries";
    public static final int DEFAULT_TRIES = 10_000;

    private static final Map<String, Integer> OUTCOMES = new TreeMap<>();

    /** Counts one try's outcome, such as "closed 1002" or "open". */
    static synchronized void record(String outcome) {
        OUTCOMES.merge(outcome, 1, Integer::sum);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int tries = Integer.getInteger(PROPERTY, DEFAULT_TRIES);
        context.attributes().setTries(tries);
        synchronized (FuzzTries.class) {
            OUTCOMES.clear();
        }
        long start = System.nanoTime();
        PropertyExecutionResult result = property.execute();
        long millis = (System.nanoTime() - start) / 1_000_000;
        synchronized (FuzzTries.class) {
            int total = OUTCOMES.values().stream().mapToInt(Integer::intValue).sum();
            System.out.println("fuzz " + context.label() + ": " + total + " tries (" + tries + " asked) in " + millis
                    + " ms, " + result.status() + "; outcomes " + OUTCOMES);
        }
        return result;
    }
}
