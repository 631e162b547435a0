package dev.sluice.chaos.random;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Derives independent, stable seeds from one server seed and a textual scope. */
public final class SeedDerivation {
    private SeedDerivation() {
    }

    /** A fresh seed for servers started without one; the server reports it so the run can be replayed. */
    public static long freshSeed() {
        return new SecureRandom().nextLong();
    }

    public static long derive(long seed, String scope) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : scope.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** The SplitMix64 finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
