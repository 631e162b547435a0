package dev.sluice.bench.ab;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The change a figure must show beyond its interval before it is called a regression or an
 * improvement: a default, and overrides by metric name (e.g. {@code p99Micros}) or by figure id
 * (e.g. {@code open-10k.sluice.p99Micros}); the figure id wins.
 */
public final class Thresholds {
    public static final double DEFAULT = 0.05;

    private final double fallback;
    private final Map<String, Double> overrides;

    private Thresholds(double fallback, Map<String, Double> overrides) {
        this.fallback = check("default", fallback);
        this.overrides = overrides;
    }

    public static Thresholds defaults() {
        return new Thresholds(DEFAULT, Map.of());
    }

    /**
     * @param percent            the default threshold in percent
     * @param percentByMetricOrId overrides in percent, keyed by metric name or figure id
     */
    public static Thresholds of(double percent, Map<String, Double> percentByMetricOrId) {
        Map<String, Double> overrides = new TreeMap<>();
        percentByMetricOrId.forEach((key, value) -> overrides.put(key, check(key, value / 100)));
        return new Thresholds(percent / 100, overrides);
    }

    /**
     * Refuses overrides that name neither a metric nor a figure in {@code known}: a misspelt key
     * would otherwise leave its figure at the default without a word.
     */
    public Thresholds requireKnown(Set<String> known) {
        List<String> unknown = overrides.keySet().stream().filter(key -> !known.contains(key)).toList();
        if (!unknown.isEmpty()) {
            List<String> metrics = new TreeSet<>(known).stream().filter(k -> !k.contains(".")).toList();
            String example = new TreeSet<>(known).stream().filter(k -> k.contains(".")).findFirst().orElse("");
            throw new IllegalArgumentException("no metric or figure is called " + unknown + "; a metric is one of "
                    + metrics + ", a figure <scenario>.<target>.<metric> (e.g. " + example + ")");
        }
        return this;
    }

    public double forFigure(String id, String metric) {
        if (overrides.containsKey(id)) {
            return overrides.get(id);
        }
        return overrides.getOrDefault(metric, fallback);
    }

    public double fallback() {
        return fallback;
    }

    public Map<String, Double> overrides() {
        return overrides;
    }

    private static double check(String what, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("threshold for " + what + " must be above 0 and below 100%, not "
                    + fraction * 100 + "%");
        }
        return fraction;
    }
}
