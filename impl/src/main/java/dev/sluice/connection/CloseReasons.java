package dev.sluice.connection;

import java.nio.charset.StandardCharsets;

/** Close reasons travel in a control frame: at most 123 bytes of UTF-8 after the 2-byte code. */
public final class CloseReasons {
    public static final int MAX_REASON_BYTES = 123;

    private CloseReasons() {
    }

    /** {@code reason} cut to fit, never splitting a character. */
    public static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        int bytes = 0;
        int end = 0;
        while (end < reason.length()) {
            int codePoint = reason.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return reason.substring(0, end);
    }
}
