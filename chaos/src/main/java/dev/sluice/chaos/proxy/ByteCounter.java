package dev.sluice.chaos.proxy;

/**
 * Counts the bytes one link moves in one of its roles (read from its source, or written to its
 * receiver). Called on the event loop for every chunk, so an implementation must neither block
 * nor allocate.
 */
@FunctionalInterface
public interface ByteCounter {
    /** Counts nothing: what a link uses when proxy metrics are off. */
    ByteCounter NONE = bytes -> {
    };

    void add(long bytes);
}
