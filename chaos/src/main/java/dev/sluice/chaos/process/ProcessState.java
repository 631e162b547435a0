package dev.sluice.chaos.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The scheduler state of a process as Linux reports it in {@code /proc/<pid>/stat}: 'R' running,
 * 'S' sleeping, 'T' stopped, 'Z' zombie and so on. Empty where /proc is not available or the
 * process is gone.
 */
public final class ProcessState {
    private ProcessState() {
    }

    public static Optional<Character> of(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat, StandardCharsets.UTF_8);
            // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
            int end = line.lastIndexOf(')');
            if (end < 0 || end + 2 >= line.length()) {
                return Optional.empty();
            }
            return Optional.of(line.charAt(end + 2));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** True when the process is stopped by a signal ('T') or by a tracer ('t'). */
    public static boolean isStopped(long pid) {
        return of(pid).map(s -> s == 'T' || s == 't').orElse(false);
    }

    /** True when /proc can tell the state of this process. */
    public static boolean available(long pid) {
        return of(pid).isPresent();
    }
}
