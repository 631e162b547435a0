package dev.sluice.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The period a certificate is valid for. Certificates start an hour in the past by default so
 * that peers whose clocks run a little behind still accept a freshly generated identity.
 */
public record Validity(Instant notBefore, Instant notAfter) {
    /** How long a generated identity is valid unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
    /** How far before "now" a generated certificate's validity starts, for clock skew. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity must end after it starts: " + notBefore + " .. " + notAfter);
        }
    }

    /** Valid from shortly before the clock's now for {@code lifetime}. */
    public static Validity fromNow(Clock clock, Duration lifetime) {
        Instant now = clock.instant();
        return new Validity(now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(lifetime));
    }

    /** Valid from shortly before now for {@link #DEFAULT_LIFETIME}. */
    public static Validity defaultFromNow() {
        return fromNow(Clock.systemUTC(), DEFAULT_LIFETIME);
    }
}
