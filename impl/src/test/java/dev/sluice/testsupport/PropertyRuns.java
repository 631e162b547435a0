package dev.sluice.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;
import org.quicktheories.generators.Generate;

/**
 * The one way Sluice's property tests start a QuickTheories run: a stated number of tries, a seed
 * that every failure prints, and two system properties.
 * <ul>
 *   <li>{@value #SEED}: replays a failure ({@code -Dsluice.pbt.seed=...}, the seed it printed);
 *       without it each property draws a fresh seed.</li>
 *   <li>{@value #MAX_TRIES}: caps every property's tries (mutation testing runs the suite once per
 *       mutant and only needs a few tries each).</li>
 * </ul>
 */
public final class PropertyRuns {
    public static final String SEED = "sluice.pbt.seed";
    public static final String MAX_TRIES = "sluice.pbt.maxTries";
    private static final SecureRandom SEEDS = new SecureRandom();

    private PropertyRuns() {
    }

    /** A run of {@code tries} examples (fewer when {@value #MAX_TRIES} says so). */
    public static QuickTheory tries(int tries) {
        long seed = seed();
        return QuickTheory.qt().withFixedSeed(seed).withExamples(effectiveTries(tries))
                .withReporter(new SeedPrintingReporter());
    }

    /** Byte arrays of {@code minLength} to {@code maxLength} bytes, any values; shrink toward empty and zero. */
    public static Gen<byte[]> byteArrays(int minLength, int maxLength) {
        return Generate.byteArrays(Generate.range(minLength, maxLength),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)).describedAs(PropertyRuns::hex);
    }

    /** How a byte array shows in a counterexample. */
    public static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2 + 12).append(bytes.length).append(" bytes [");
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.append(']').toString();
    }

    /** {@code asked}, or the cap of {@value #MAX_TRIES} when that is lower. */
    public static int effectiveTries(int asked) {
        Integer cap = Integer.getInteger(MAX_TRIES);
        return cap == null ? asked : Math.max(1, Math.min(asked, cap));
    }

    private static long seed() {
        String fixed = System.getProperty(SEED);
        if (fixed == null || fixed.isBlank()) {
            return SEEDS.nextLong();
        }
        try {
            return Long.parseLong(fixed.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED + " must be a long (the seed a failure printed), not '"
                    + fixed + "'", e);
        }
    }

    /** Fails with the smallest counterexample, its cause, and the line that replays it. */
    static final class SeedPrintingReporter implements Reporter {
        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
                List<Object> otherFalsifying, AsString<Object> asString) {
            fail(seed, examplesUsed, smallest, cause, otherFalsifying, asString);
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> otherFalsifying,
                AsString<Object> asString) {
            fail(seed, examplesUsed, smallest, null, otherFalsifying, asString);
        }

        @Override
        public void valuesExhausted(int found) {
            throw new IllegalStateException("gave up after finding only " + found
                    + " example(s) that the generators' assumptions accept");
        }

        private static void fail(long seed, int examplesUsed, Object smallest, Throwable cause,
                List<Object> others, AsString<Object> asString) {
            String replay = "seed " + seed + " (replay with -D" + SEED + "=" + seed + ")";
            System.err.println("property falsified: " + replay);
            StringBuilder message = new StringBuilder()
                    .append("property falsified after ").append(examplesUsed).append(" example(s); ")
                    .append(replay).append(System.lineSeparator())
                    .append("smallest falsifying value (after shrinking):").append(System.lineSeparator())
                    .append(asString.asString(smallest)).append(System.lineSeparator());
            if (!others.isEmpty()) {
                message.append("other falsifying values: ").append(others.size()).append(System.lineSeparator());
            }
            if (cause != null) {
                StringWriter trace = new StringWriter();
                cause.printStackTrace(new PrintWriter(trace));
                message.append("cause:").append(System.lineSeparator()).append(trace);
            }
            throw new AssertionError(message.toString(), cause);
        }
    }
}
