package dev.sluice.harness.defect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Known server defects the gate must catch, each named as {@code --server-defect} takes it. */
public enum Defect {
    /** One inbound data frame in {@link DefectHooks#ONE_IN} is dropped without a word. */
    DROP_DATA_FRAME,
    /** The sender treats the peer's credit as unlimited. */
    IGNORE_CREDIT,
    /** A finished write side never sends its FIN. */
    NO_FIN,
    /** Pings go unanswered and no pings are sent: an unresponsive peer with its socket open. */
    NO_PONG,
    /** A stream the peer resets is dropped from its connection's table without being closed. */
    LEAK_STREAM_ON_RESET,
    /** One byte of one outbound data frame in {@link DefectHooks#ONE_IN} is flipped. */
    CORRUPT_BYTE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Defect parse(String label) {
        for (Defect defect : values()) {
            if (defect.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return defect;
            }
        }
        throw new IllegalArgumentException("no defect named '" + label + "'; known: " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Defect::label).collect(Collectors.joining(", "));
    }
}
