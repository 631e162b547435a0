package dev.sluice.cli;

import dev.sluice.identity.IdentityStore;
import dev.sluice.identity.KeyEncryption;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.identity.Validity;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice keygen --out DIR}: a new node identity, keys encrypted, NodeId on stdout. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Creates a node identity: an Ed25519 root key (its public key is the NodeId), a self-signed root "
                + "certificate and a P-256 TLS leaf. Writes " + IdentityStore.ROOT_KEY + " and " + IdentityStore.LEAF_KEY
                + " (encrypted PKCS#8 PEM) and " + IdentityStore.CHAIN + " into DIR, and prints the NodeId.",
                "The password comes from the environment variable named by --password-env."})
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write the identity into")
    Path out;

    @Option(names = "--password-env", paramLabel = "NAME", defaultValue = KeyPassword.DEFAULT_VARIABLE,
            description = "environment variable holding the key password (default: ${DEFAULT-VALUE})")
    String passwordVariable;

    @Option(names = "--validity-days", paramLabel = "DAYS", defaultValue = "365",
            description = "how long the certificates are valid (default: ${DEFAULT-VALUE})")
    long validityDays;

    @Option(names = "--kdf-iterations", paramLabel = "N", defaultValue = "" + KeyEncryption.DEFAULT_ITERATIONS,
            description = "PBKDF2-HMAC-SHA256 iterations protecting the keys (default: ${DEFAULT-VALUE}; lower only for tests)")
    int kdfIterations;

    @Override
    public Integer call() {
        char[] password = KeyPassword.fromEnvironment(spec.commandLine(), passwordVariable, "encrypts the keys");
        if (validityDays <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--validity-days must be positive");
        }
        KeyEncryption encryption;
        try {
            encryption = new KeyEncryption(kdfIterations);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kdf-iterations: " + e.getMessage());
        }
        NodeIdentity identity = NodeIdentity.generate(Validity.fromNow(Clock.systemUTC(), Duration.ofDays(validityDays)));
        try {
            IdentityStore.write(out, identity, password, encryption);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("keygen: " + out + " already holds an identity; choose an empty directory");
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("keygen: cannot write the identity into " + out + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(identity.nodeId());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("keygen: wrote " + out.resolve(IdentityStore.ROOT_KEY) + ", "
                + out.resolve(IdentityStore.LEAF_KEY) + " and " + out.resolve(IdentityStore.CHAIN));
        return 0;
    }
}
