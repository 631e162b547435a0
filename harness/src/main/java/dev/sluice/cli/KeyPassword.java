package dev.sluice.cli;

import picocli.CommandLine;

/** Reads the key password from an environment variable, never from the command line. */
final class KeyPassword {
    static final String DEFAULT_VARIABLE = "SLUICE_KEY_PASSWORD";

    private KeyPassword() {
    }

    static char[] fromEnvironment(CommandLine cli, String variable, String purpose) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new CommandLine.ParameterException(cli, "set the environment variable " + variable
                    + " to the password that " + purpose);
        }
        return value.toCharArray();
    }
}
