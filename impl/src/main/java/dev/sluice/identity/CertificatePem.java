package dev.sluice.identity;

import dev.sluice.identity.KeyFileException.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Certificate chains as PEM text ({@code -----BEGIN CERTIFICATE-----} blocks, leaf first). */
public final class CertificatePem {
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private CertificatePem() {
    }

    public static String write(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(MIME.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Reads every certificate in the text, in order; {@code source} names the file in errors. */
    public static List<X509Certificate> read(String pem, String source) throws KeyFileException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : factory.generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new KeyFileException(Problem.MALFORMED, source + " contains no certificate");
            }
            return List.copyOf(chain);
        } catch (CertificateException | RuntimeException e) {
            throw new KeyFileException(Problem.MALFORMED, source + " is not a well-formed PEM certificate chain: "
                    + e.getMessage(), e);
        }
    }
}
