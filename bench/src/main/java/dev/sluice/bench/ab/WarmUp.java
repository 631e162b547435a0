package dev.sluice.bench.ab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a scenario's warm-up may end: not after a fixed number of rounds but once every process
 * of both sides has stopped JIT-compiling. On a loaded 2-core machine the compilers get little
 * CPU, so fresh JVMs keep speeding up for many rounds (A/A runs showed 64 B echo going from 15k
 * to 200k msg/s across 12 "measured" rounds after two warm-up rounds); rounds paired while one
 * side's code is compiled and the other's is not differ by tens of percent for reasons that have
 * nothing to do with the revisions, and a side's background compilation takes CPU from the
 * other side's measurement. So warm-up rounds continue, at least {@code minRounds} and at most
 * {@code maxRounds}, until in the last round each side's server and load generator together
 * spent at most {@code quietMillis} compiling since that side's previous run.
 */
public final class WarmUp {
    private final int minRounds;
    private final int maxRounds;
    private final long quietMillis;
    /** Per key (side/target): cumulative JIT milliseconds (server + client) at its latest run. */
    private final Map<String, Long> cumulative = new LinkedHashMap<>();
    /** Per key: JIT milliseconds between its previous run and its latest; absent after the first run. */
    private final Map<String, Long> sincePrevious = new LinkedHashMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>();

    public WarmUp(int minRounds, int maxRounds, long quietMillis) {
        if (minRounds < 1 || maxRounds < minRounds || quietMillis < 0) {
            throw new IllegalArgumentException("warm-up needs 1 <= min <= max rounds and quiet >= 0, not "
                    + minRounds + ", " + maxRounds + ", " + quietMillis);
        }
        this.minRounds = minRounds;
        this.maxRounds = maxRounds;
        this.quietMillis = quietMillis;
    }

    /** Declares a process pair that must be quiet before measuring (each side, each target). */
    public void expect(String key) {
        seen.put(key, true);
    }

    /**
     * Records the cumulative JIT time of one key's server and load generator after a run; a
     * negative reading (the JVM does not say) counts as quiet, so a JVM without the counter does
     * not hold the warm-up until its maximum.
     */
    public void record(String key, long serverJitMillis, long clientJitMillis) {
        if (serverJitMillis < 0 || clientJitMillis < 0) {
            sincePrevious.put(key, 0L);
            return;
        }
        long total = serverJitMillis + clientJitMillis;
        Long previous = cumulative.put(key, total);
        if (previous != null) {
            sincePrevious.put(key, Math.max(0, total - previous));
        }
    }

    /** True when warm-up round {@code completed} (1-based) may be the last one. */
    public boolean done(int completed) {
        if (completed < minRounds) {
            return false;
        }
        return completed >= maxRounds || quiet();
    }

    /** Every expected key had a previous run and compiled at most the quiet amount since. */
    public boolean quiet() {
        for (String key : seen.keySet()) {
            Long jit = sincePrevious.get(key);
            if (jit == null || jit > quietMillis) {
                return false;
            }
        }
        return !seen.isEmpty();
    }

    /** JIT milliseconds per key in the latest round (for the report); keys without two runs omitted. */
    public Map<String, Long> lastRound() {
        return Map.copyOf(sincePrevious);
    }

    public long quietMillis() {
        return quietMillis;
    }
}
