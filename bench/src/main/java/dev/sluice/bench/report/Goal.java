package dev.sluice.bench.report;

/** A target a ratio-to-control must meet, e.g. ratio >= 0.90. */
public record Goal(boolean atLeast, double ratio) {
    public static Goal atLeast(double ratio) {
        return new Goal(true, ratio);
    }

    public static Goal atMost(double ratio) {
        return new Goal(false, ratio);
    }

    public boolean met(double actualRatio) {
        return atLeast ? actualRatio >= ratio : actualRatio <= ratio;
    }

    @Override
    public String toString() {
        return (atLeast ? ">= " : "<= ") + ratio + "x";
    }
}
