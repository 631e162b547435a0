package dev.sluice.identity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line in tests; tests that need it are skipped when it is absent. */
final class Openssl {
    record Result(int exitCode, String output) {
    }

    private Openssl() {
    }

    static void assumeAvailable() {
        boolean available;
        try {
            available = run("version").exitCode() == 0;
        } catch (IOException e) {
            available = false;
        }
        assumeTrue(available, "the openssl command line is not installed; skipping openssl interoperability test");
    }

    static Result run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl did not finish within 30 s: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        }
    }
}
