package dev.sluice.identity;

import dev.sluice.identity.KeyFileException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A node identity on disk, in one directory: {@value #ROOT_KEY} and {@value #LEAF_KEY} (encrypted
 * PKCS#8 PEM, owner-only permissions) and {@value #CHAIN} (leaf then root certificate). Reading
 * checks that the keys match the certificates and that the root signed the leaf.
 */
public final class IdentityStore {
    public static final String ROOT_KEY = "root-key.pem";
    public static final String LEAF_KEY = "leaf-key.pem";
    public static final String CHAIN = "chain.pem";

    private static final byte[] PROOF_MESSAGE = "sluice identity key check".getBytes(StandardCharsets.US_ASCII);

    private IdentityStore() {
    }

    /** Writes the identity into {@code directory} (created if needed); refuses to overwrite an identity. */
    public static void write(Path directory, NodeIdentity identity, char[] password, KeyEncryption encryption)
            throws IOException {
        Files.createDirectories(directory);
        for (String name : List.of(ROOT_KEY, LEAF_KEY, CHAIN)) {
            if (Files.exists(directory.resolve(name))) {
                throw new FileAlreadyExistsException(directory.resolve(name).toString(), null,
                        "the directory already holds an identity; choose an empty directory");
            }
        }
        writePrivate(directory.resolve(ROOT_KEY),
                EncryptedKeyPem.write(identity.rootKeyPair().getPrivate(), password, encryption));
        writePrivate(directory.resolve(LEAF_KEY), EncryptedKeyPem.write(identity.leafKey(), password, encryption));
        Files.writeString(directory.resolve(CHAIN), CertificatePem.write(identity.chain()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Reads and checks the identity in {@code directory}. */
    public static NodeIdentity read(Path directory, char[] password) throws KeyFileException {
        List<X509Certificate> chain = CertificatePem.read(readText(directory.resolve(CHAIN)), directory.resolve(CHAIN).toString());
        if (chain.size() != 2) {
            throw new KeyFileException(Problem.INCONSISTENT, directory.resolve(CHAIN) + " must hold 2 certificates (leaf, root), found "
                    + chain.size());
        }
        X509Certificate leaf = chain.get(0);
        X509Certificate root = chain.get(1);
        if (!Ed25519Keys.isEd25519(root.getPublicKey())) {
            throw new KeyFileException(Problem.INCONSISTENT, directory.resolve(CHAIN) + ": the root certificate's key is "
                    + root.getPublicKey().getAlgorithm() + ", not Ed25519");
        }
        try {
            leaf.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(Problem.INCONSISTENT, directory.resolve(CHAIN) + ": the leaf certificate is not signed by the root",
                    e);
        }
        Path rootKeyFile = directory.resolve(ROOT_KEY);
        Path leafKeyFile = directory.resolve(LEAF_KEY);
        PrivateKey rootKey = EncryptedKeyPem.read(readText(rootKeyFile), password, rootKeyFile.toString());
        PrivateKey leafKey = EncryptedKeyPem.read(readText(leafKeyFile), password, leafKeyFile.toString());
        requireMatch(rootKey, root.getPublicKey(), "Ed25519", rootKeyFile, "root");
        requireMatch(leafKey, leaf.getPublicKey(), "SHA256withECDSA", leafKeyFile, "leaf");
        return new NodeIdentity(new KeyPair(root.getPublicKey(), rootKey), root, leafKey, leaf);
    }

    private static void requireMatch(PrivateKey key, PublicKey certified, String signatureAlgorithm, Path file, String which)
            throws KeyFileException {
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(key);
            signer.update(PROOF_MESSAGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(certified);
            verifier.update(PROOF_MESSAGE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(Problem.INCONSISTENT, file + " is not the " + which + " certificate's key: "
                    + e.getMessage(), e);
        }
        throw new KeyFileException(Problem.INCONSISTENT, file + " is not the key of the " + which + " certificate in " + CHAIN);
    }

    private static String readText(Path file) throws KeyFileException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(Problem.UNREADABLE, file + " does not exist (expected an identity written by 'sluice keygen')", e);
        } catch (IOException e) {
            throw new KeyFileException(Problem.UNREADABLE, "cannot read " + file + ": " + e, e);
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the key is encrypted, the platform default permissions apply
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }
}
