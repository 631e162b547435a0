package dev.sluice.bench.ab;

import dev.sluice.bench.report.Better;
import java.util.Locale;

/**
 * What an A/B comparison concludes for one figure, from its ratio's confidence interval and the
 * threshold t: a regression or improvement only when the whole interval lies beyond 1 - t or
 * 1 + t on that side; "same" when the whole interval lies within [1 - t, 1 + t]; otherwise the
 * rounds could not tell (the interval is wider than the threshold allows).
 */
public enum AbVerdict {
    REGRESSION,
    IMPROVEMENT,
    SAME,
    INCONCLUSIVE;

    public static AbVerdict judge(PairedRatio ratio, Better better, double threshold) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be within [0, 1), not " + threshold);
        }
        if (!ratio.hasInterval() || better == Better.NEITHER) {
            return better == Better.NEITHER && ratio.hasInterval() && within(ratio, threshold) ? SAME : INCONCLUSIVE;
        }
        boolean allBelow = ratio.ciHigh() < 1 - threshold;
        boolean allAbove = ratio.ciLow() > 1 + threshold;
        if (allBelow) {
            return better == Better.HIGHER ? REGRESSION : IMPROVEMENT;
        }
        if (allAbove) {
            return better == Better.HIGHER ? IMPROVEMENT : REGRESSION;
        }
        return within(ratio, threshold) ? SAME : INCONCLUSIVE;
    }

    /**
     * Whether one fork's own estimate shows this verdict's change: beyond the threshold on the same
     * side. Only a regression or an improvement can be seen in an estimate; a fork without one
     * (NaN) shows nothing.
     */
    public boolean seenIn(double forkRatio, Better better, double threshold) {
        if (!Double.isFinite(forkRatio) || better == Better.NEITHER) {
            return false;
        }
        boolean worse = better == Better.HIGHER ? forkRatio < 1 - threshold : forkRatio > 1 + threshold;
        boolean improved = better == Better.HIGHER ? forkRatio > 1 + threshold : forkRatio < 1 - threshold;
        return switch (this) {
            case REGRESSION -> worse;
            case IMPROVEMENT -> improved;
            default -> false;
        };
    }

    private static boolean within(PairedRatio ratio, double threshold) {
        return ratio.ciLow() >= 1 - threshold && ratio.ciHigh() <= 1 + threshold;
    }

    /** The lower-case word used in reports and JSON. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
