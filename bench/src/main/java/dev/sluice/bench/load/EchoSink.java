package dev.sluice.bench.load;

/** Receives echoes; called on the connection's event loop, so it must not block. */
@FunctionalInterface
public interface EchoSink {
    void echoed(EchoConnection connection, long intendedNanos);
}
