package dev.sluice.bench.control;

/**
 * A deliberate, fixed amount of extra work per echoed message in the bench's Sluice echo handler,
 * so that the regression detector's power can be measured against a slowdown of known size.
 * Off unless the environment sets {@value #ENV} to a number of work units (each a few
 * nanoseconds of integer mixing that the JIT cannot remove). Lives in the bench only: the
 * transport under test is never touched.
 */
public final class Handicap {
    public static final String ENV = "SLUICE_BENCH_HANDICAP";
    private static final Handicap FROM_ENVIRONMENT = parse(System.getenv(ENV));

    private final int units;
    /** Written after every burn so the work has an observable result and is not eliminated. */
    private volatile long sink;

    private Handicap(int units) {
        this.units = units;
    }

    /** The handicap this process was started with (none when {@value #ENV} is unset). */
    public static Handicap fromEnvironment() {
        return FROM_ENVIRONMENT;
    }

    static Handicap parse(String text) {
        if (text == null || text.isBlank()) {
            return new Handicap(0);
        }
        try {
            int units = Integer.parseInt(text.trim());
            if (units < 0) {
                throw new NumberFormatException("negative");
            }
            return new Handicap(units);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV + " must be a non-negative number of work units, not '" + text
                    + "'", e);
        }
    }

    public int units() {
        return units;
    }

    /** Does the fixed work for one message (nothing when off). */
    public void burn() {
        if (units == 0) {
            return;
        }
        long x = sink | 1;
        for (int i = 0; i < units; i++) {
            // xorshift: cheap, serial (no vectorising) and data-dependent, so each unit costs the same
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }
}
