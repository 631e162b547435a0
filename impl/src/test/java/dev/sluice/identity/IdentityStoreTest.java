package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.identity.KeyFileException.Problem;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    private static final char[] PASSWORD = "s3cret-pass".toCharArray();
    private static final KeyEncryption FAST = new KeyEncryption(2_000);

    @TempDir
    Path dir;

    @Test
    void anIdentityWrittenToADirectoryReadsBackWithTheSameNodeIdAndChain() throws Exception {
        NodeIdentity identity = NodeIdentity.generate();
        IdentityStore.write(dir, identity, PASSWORD, FAST);
        NodeIdentity read = IdentityStore.read(dir, PASSWORD);
        assertThat(read.nodeId()).isEqualTo(identity.nodeId());
        assertThat(read.chain()).isEqualTo(identity.chain());
        assertThat(read.leafKey().getEncoded()).isEqualTo(identity.leafKey().getEncoded());
    }

    @Test
    void keyFilesAreEncryptedAndOwnerOnly() throws Exception {
        IdentityStore.write(dir, NodeIdentity.generate(), PASSWORD, FAST);
        for (String name : new String[] {IdentityStore.ROOT_KEY, IdentityStore.LEAF_KEY}) {
            assertThat(Files.readString(dir.resolve(name))).startsWith(EncryptedKeyPem.PEM_FIRST_LINE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name)))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve(IdentityStore.CHAIN))).contains("BEGIN CERTIFICATE");
    }

    @Test
    void anExistingIdentityIsNeverOverwritten() throws Exception {
        IdentityStore.write(dir, NodeIdentity.generate(), PASSWORD, FAST);
        assertThatThrownBy(() -> IdentityStore.write(dir, NodeIdentity.generate(), PASSWORD, FAST))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("already holds an identity");
    }

    @Test
    void aWrongPasswordNamesTheFile() throws Exception {
        IdentityStore.write(dir, NodeIdentity.generate(), PASSWORD, FAST);
        assertThatThrownBy(() -> IdentityStore.read(dir, "nope".toCharArray()))
                .isInstanceOfSatisfying(KeyFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_PASSWORD_OR_TAMPERED))
                .hasMessageContaining(IdentityStore.ROOT_KEY).hasMessageContaining("password is wrong");
    }

    @Test
    void aMissingDirectorySaysWhatWasExpected() {
        assertThatThrownBy(() -> IdentityStore.read(dir.resolve("absent"), PASSWORD))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNREADABLE))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aKeyFromAnotherIdentityIsInconsistent() throws Exception {
        IdentityStore.write(dir, NodeIdentity.generate(), PASSWORD, FAST);
        Path other = dir.resolve("other");
        IdentityStore.write(other, NodeIdentity.generate(), PASSWORD, FAST);
        Files.copy(other.resolve(IdentityStore.LEAF_KEY), dir.resolve(IdentityStore.LEAF_KEY),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> IdentityStore.read(dir, PASSWORD))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCONSISTENT))
                .hasMessageContaining("is not the key of the leaf certificate");
    }

    @Test
    void opensslSeesAnEd25519RootAndAP256Leaf() throws Exception {
        Openssl.assumeAvailable();
        IdentityStore.write(dir, NodeIdentity.generate(), PASSWORD, FAST);
        Openssl.Result out = Openssl.run("crl2pkcs7", "-nocrl", "-certfile", dir.resolve(IdentityStore.CHAIN).toString());
        assertThat(out.exitCode()).isZero();
        Openssl.Result root = Openssl.run("pkey", "-in", dir.resolve(IdentityStore.ROOT_KEY).toString(), "-passin",
                "pass:" + new String(PASSWORD), "-text", "-noout");
        assertThat(root.output()).contains("ED25519 Private-Key");
    }
}
