package dev.sluice.websocket;

import io.netty.buffer.ByteBuf;

/**
 * Incremental UTF-8 validation (RFC 3629): bytes may arrive in any split, and the first byte that
 * cannot continue a well-formed sequence is reported at once, so a text message fails inside the
 * frame that carries the bad byte rather than when the frame or message ends. Rejects overlong
 * forms, UTF-16 surrogates (U+D800..U+DFFF) and code points above U+10FFFF.
 *
 * <p>Not thread-safe: owned by one decoder on one event loop.
 */
final class Utf8Validator {
    private static final int ANY_CONTINUATION_LOW = 0x80;
    private static final int ANY_CONTINUATION_HIGH = 0xBF;

    /** Continuation bytes still expected for the current sequence. */
    private int pending;
    /** Allowed range of the next continuation byte (narrower right after some lead bytes). */
    private int low = ANY_CONTINUATION_LOW;
    private int high = ANY_CONTINUATION_HIGH;

    /** Feeds {@code length} bytes starting at {@code index}; false at the first invalid byte. */
    boolean accept(ByteBuf buf, int index, int length) {
        for (int i = index, end = index + length; i < end; i++) {
            if (!accept(buf.getByte(i) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    boolean accept(int b) {
        if (pending > 0) {
            if (b < low || b > high) {
                return false;
            }
            pending--;
            low = ANY_CONTINUATION_LOW;
            high = ANY_CONTINUATION_HIGH;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            return expect(1, ANY_CONTINUATION_LOW, ANY_CONTINUATION_HIGH);
        }
        if (b == 0xE0) {
            return expect(2, 0xA0, ANY_CONTINUATION_HIGH); // no overlong 3-byte forms
        }
        if (b == 0xED) {
            return expect(2, ANY_CONTINUATION_LOW, 0x9F); // no surrogates
        }
        if (b >= 0xE1 && b <= 0xEF) {
            return expect(2, ANY_CONTINUATION_LOW, ANY_CONTINUATION_HIGH);
        }
        if (b == 0xF0) {
            return expect(3, 0x90, ANY_CONTINUATION_HIGH); // no overlong 4-byte forms
        }
        if (b >= 0xF1 && b <= 0xF3) {
            return expect(3, ANY_CONTINUATION_LOW, ANY_CONTINUATION_HIGH);
        }
        if (b == 0xF4) {
            return expect(3, ANY_CONTINUATION_LOW, 0x8F); // nothing above U+10FFFF
        }
        return false; // 0x80..0xC1 as a lead byte, or 0xF5..0xFF
    }

    /** True when no multi-byte sequence is left unfinished. */
    boolean isComplete() {
        return pending == 0;
    }

    void reset() {
        pending = 0;
        low = ANY_CONTINUATION_LOW;
        high = ANY_CONTINUATION_HIGH;
    }

    private boolean expect(int continuations, int nextLow, int nextHigh) {
        pending = continuations;
        low = nextLow;
        high = nextHigh;
        return true;
    }
}
