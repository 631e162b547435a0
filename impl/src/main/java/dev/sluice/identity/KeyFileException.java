package dev.sluice.identity;

import java.io.IOException;

/**
 * A key or certificate file that cannot be used. The message names the file (when known) and
 * what is wrong with it; {@link #problem()} lets callers tell the cases apart.
 */
public final class KeyFileException extends IOException {
    /** What is wrong with the file. */
    public enum Problem {
        /** The file does not exist or cannot be read. */
        UNREADABLE,
        /** Not PEM, or PEM whose content is not the expected structure (truncated, edited, not a key). */
        MALFORMED,
        /** Decryption failed: the password is wrong or the encrypted bytes were altered. */
        WRONG_PASSWORD_OR_TAMPERED,
        /** A well-formed file Sluice does not accept (unencrypted key, unknown cipher, wrong key type). */
        UNSUPPORTED,
        /** Files that do not belong together (a key that does not match its certificate, a broken chain). */
        INCONSISTENT,
    }

    private final Problem problem;

    public KeyFileException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public KeyFileException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
