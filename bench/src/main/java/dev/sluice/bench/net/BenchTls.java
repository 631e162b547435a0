package dev.sluice.bench.net;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS for the raw controls: a throw-away ECDSA P-256 certificate generated in memory at start-up
 * and the same provider choice as the transport (BoringSSL through netty-tcnative when it loads,
 * else the JDK). {@code -Dsluice.bench.tls=openssl|jdk} overrides the choice.
 */
public final class BenchTls {
    public static final String PROPERTY = "sluice.bench.tls";
    /** A directory holding {@value #CERT_FILE} and {@value #KEY_FILE} for the wss servers of a run. */
    public static final String DIR_PROPERTY = "sluice.bench.tlsDir";
    public static final String CERT_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";
    private static final Duration CERTIFICATE_LIFETIME = Duration.ofDays(1);

    private BenchTls() {
    }

    /** The TLS provider for this JVM. */
    public static SslProvider provider() {
        String chosen = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        switch (chosen) {
            case "":
                return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case "openssl":
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=openssl but netty-tcnative is unavailable: "
                            + OpenSsl.unavailabilityCause());
                }
                return SslProvider.OPENSSL;
            case "jdk":
                return SslProvider.JDK;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be openssl or jdk, not '" + chosen + "'");
        }
    }

    /**
     * Writes a fresh self-signed certificate ({@value #CERT_FILE}) and its PKCS#8 key
     * ({@value #KEY_FILE}) as PEM into {@code dir}, for servers of other runtimes (Node) and the
     * raw wss control to share one certificate chain in a run.
     */
    public static void writeCertificate(Path dir) throws IOException {
        KeyPair keys = newKeyPair();
        X509Certificate certificate = selfSign(keys);
        Files.createDirectories(dir);
        try {
            Files.writeString(dir.resolve(CERT_FILE), pem("CERTIFICATE", certificate.getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the benchmark certificate: " + e.getMessage(), e);
        }
        Files.writeString(dir.resolve(KEY_FILE), pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /**
     * A server context: the certificate in {@code -D}{@value #DIR_PROPERTY} when set (shared with the
     * Node wss target), else a fresh self-signed certificate for 127.0.0.1.
     */
    public static SslContext newServerContext() throws SSLException {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null) {
            return SslContextBuilder.forServer(Path.of(dir, CERT_FILE).toFile(), Path.of(dir, KEY_FILE).toFile())
                    .sslProvider(provider())
                    .protocols("TLSv1.3")
                    .build();
        }
        KeyPair keys = newKeyPair();
        X509Certificate certificate = selfSign(keys);
        return SslContextBuilder.forServer(keys.getPrivate(), certificate)
                .sslProvider(provider())
                .protocols("TLSv1.3")
                .build();
    }

    /** A client context that accepts any certificate: loopback benchmarks only. */
    public static SslContext newTrustingClientContext() throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(provider())
                .protocols("TLSv1.3")
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null)
                .build();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key pair: " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSign(KeyPair keys) {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=sluice-bench");
        try {
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(CERTIFICATE_LIFETIME)),
                    subject, keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot self-sign the benchmark certificate: " + e.getMessage(), e);
        }
    }
}
