package dev.sluice.tls;

import java.security.cert.CertificateException;

/**
 * A peer's certificate chain does not prove what it must. Subclasses say why; the message is
 * meant for the operator and names the certificates involved. A failed TLS handshake reports
 * this exception (unwrapped from the SSL exception) to whoever started the connection.
 */
public abstract class CertificateVerificationException extends CertificateException {
    protected CertificateVerificationException(String message) {
        super(message);
    }

    protected CertificateVerificationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first CertificateVerificationException in {@code failure}'s cause chain, or null. */
    public static CertificateVerificationException findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateVerificationException found) {
                return found;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof CertificateVerificationException found) {
                    return found;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
