package dev.sluice.rpc;

import java.time.Duration;

/** Per-call settings; {@link #defaults()} uses the client's. */
public final class CallOptions {
    private static final CallOptions DEFAULTS = new CallOptions(null);

    private final Duration timeout;

    private CallOptions(Duration timeout) {
        this.timeout = timeout;
    }

    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /** This call ends with {@link RpcTimeoutException} unless it ended within {@code timeout}. */
    public static CallOptions timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a call timeout must be positive, got " + timeout);
        }
        return new CallOptions(timeout);
    }

    Duration timeoutOr(Duration fallback) {
        return timeout == null ? fallback : timeout;
    }
}
