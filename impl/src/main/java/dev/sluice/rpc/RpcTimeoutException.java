package dev.sluice.rpc;

import java.time.Duration;

/** A call whose deadline passed before it ended ({@link RpcCodes#TIMEOUT}); its stream was aborted with {@link RpcCodes#ABORT_TIMEOUT}. */
public final class RpcTimeoutException extends RpcException {
    private final transient Duration timeout;

    public RpcTimeoutException(String method, Duration timeout) {
        super(RpcCodes.TIMEOUT, "call " + method + " timed out after " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
