package dev.sluice.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the two certificates of a node: a self-signed Ed25519 root whose key is the node's
 * identity, and a P-256 TLS leaf signed by that root. Signing and key objects stay with the JDK
 * providers so that both TLS providers accept them.
 */
public final class IdentityCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private IdentityCertificates() {
    }

    /** A fresh ECDSA P-256 key pair for a TLS leaf. */
    public static KeyPair generateLeafKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
        }
    }

    /** The self-signed root: subject and issuer {@code CN=<NodeId>, O=sluice root}. */
    public static X509Certificate selfSignedRoot(KeyPair root, Validity validity) {
        NodeId nodeId = Ed25519Keys.nodeIdOf(root.getPublic());
        X500Name name = rootName(nodeId);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), name, root.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(root.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build root certificate extensions", e);
        }
        return sign(builder, root.getPrivate());
    }

    /** A TLS leaf for {@code leafKey}, issued by {@code rootCertificate} and signed with {@code rootKey}. */
    public static X509Certificate leaf(PublicKey leafKey, X509Certificate rootCertificate, PrivateKey rootKey,
            Validity validity) {
        NodeId nodeId = Ed25519Keys.nodeIdOf(rootCertificate.getPublicKey());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(rootName(nodeId), serial(),
                Date.from(validity.notBefore()), Date.from(validity.notAfter()),
                new X500Name("CN=" + nodeId + ",O=sluice node"), leafKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(rootCertificate.getPublicKey()));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(leafKey));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build leaf certificate extensions", e);
        }
        return sign(builder, rootKey);
    }

    private static X500Name rootName(NodeId nodeId) {
        return new X500Name("CN=" + nodeId + ",O=sluice root");
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey rootKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("Ed25519").build(rootKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign certificate with Ed25519", e);
        }
    }
}
