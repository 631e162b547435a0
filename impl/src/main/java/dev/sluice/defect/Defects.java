package dev.sluice.defect;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberate defects, for proving that the fault gate catches real bugs. Off unless armed, and
 * armed only with both an explicit request and the consent variable in the environment, so no
 * configuration typo can break a real server. The transport consults it at a few points; while
 * nothing is armed each check is one volatile read.
 */
public final class Defects {
    /** The environment variable that must hold {@link #CONSENT} for any defect to be armed. */
    public static final String CONSENT_ENV = "SLUICE_ENABLE_DEFECTS";
    public static final String CONSENT = "I_UNDERSTAND";
    /**
     * Defects that hit "one frame in N" hit every N-th frame. Small enough that the gate's
     * shortest workloads, a few dozen data frames of up to 64 KiB, meet it more than once.
     */
    public static final int ONE_IN = 8;

    private static volatile Defect armed;
    private static final AtomicLong dataFramesSeen = new AtomicLong();

    private Defects() {
    }

    /**
     * Arms {@code defect} for this whole JVM.
     *
     * @throws IllegalStateException when the environment does not carry the consent variable
     */
    public static void arm(Defect defect, Map<String, String> environment) {
        if (!CONSENT.equals(environment.get(CONSENT_ENV))) {
            throw new IllegalStateException("defect " + defect.label() + " refused: set " + CONSENT_ENV + "=" + CONSENT
                    + " to break this server on purpose");
        }
        armed = defect;
    }

    /** Disarms every defect (for tests). */
    public static void disarm() {
        armed = null;
        dataFramesSeen.set(0);
    }

    public static boolean armed(Defect defect) {
        return armed == defect;
    }

    /** True for every {@link #ONE_IN}-th inbound data frame while {@link Defect#DROP_DATA_FRAME} is armed. */
    public static boolean dropThisDataFrame() {
        return armed == Defect.DROP_DATA_FRAME && dataFramesSeen.incrementAndGet() % ONE_IN == 0;
    }

    /** True for every {@link #ONE_IN}-th outbound data frame while {@link Defect#CORRUPT_BYTE} is armed. */
    public static boolean corruptThisDataFrame() {
        return armed == Defect.CORRUPT_BYTE && dataFramesSeen.incrementAndGet() % ONE_IN == 0;
    }
}
