package dev.sluice.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A certificate in the peer's chain is expired or not yet valid at the time of the check. */
public final class CertificateValidityException extends CertificateVerificationException {
    private final boolean expired;

    private CertificateValidityException(String message, boolean expired) {
        super(message);
        this.expired = expired;
    }

    /** Checks {@code certificate} (called {@code role}, e.g. "leaf") against {@code now}. */
    static void check(String role, X509Certificate certificate, Instant now) throws CertificateValidityException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new CertificateValidityException(describe(role, certificate, notBefore, notAfter)
                    + " is not yet valid at " + now, false);
        }
        if (now.isAfter(notAfter)) {
            throw new CertificateValidityException(describe(role, certificate, notBefore, notAfter)
                    + " expired; now is " + now, true);
        }
    }

    private static String describe(String role, X509Certificate certificate, Instant notBefore, Instant notAfter) {
        return "the peer's " + role + " certificate '" + certificate.getSubjectX500Principal().getName()
                + "' (valid from " + notBefore + " until " + notAfter + ")";
    }

    /** True when expired, false when not yet valid. */
    public boolean expired() {
        return expired;
    }
}
