package dev.sluice.harness.workload;

/**
 * The first thing wrong with what a stream delivered.
 *
 * @param kind what went wrong
 * @param offset the byte offset in the stream where it was seen
 * @param detail a sentence saying exactly what was expected and what arrived
 */
public record Violation(Kind kind, long offset, String detail) {
    public enum Kind {
        /** A chunk was skipped: bytes lost, or chunks delivered out of order. */
        GAP,
        /** A chunk already delivered arrived again (duplicated, or delivered out of order). */
        REPEAT,
        /** Header or payload bytes differ from what was sent. */
        CORRUPT,
        /** A chunk of another stream arrived on this one. */
        MISROUTED,
        /** The stream ended cleanly before all bytes arrived. */
        TRUNCATED,
        /** More bytes arrived than were sent. */
        EXCESS
    }

    @Override
    public String toString() {
        return kind + " at byte " + offset + ": " + detail;
    }
}
