package dev.sluice.harness.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Child side of "no child outlives the harness". A node started by the harness finds the
 * harness's pid in {@link #PARENT_PID_ENV} and then exits on its own as soon as either
 *
 * <ul>
 *   <li>its standard input reaches end of file (the harness holds the other end of that pipe, and
 *       the kernel closes it the instant the harness dies, however it dies), or
 *   <li>the harness process is no longer alive (polled, in case stdin was redirected elsewhere).
 * </ul>
 *
 * <p>Lines read from stdin are commands: each is dispatched to the handler registered under its
 * first word (for example the server's {@code stats}), so the same pipe doubles as a tiny control
 * channel. Unknown commands are answered with a JSON error line.
 */
public final class ParentWatch {
    /** Set by the harness on every child it starts: the pid the child must not outlive. */
    public static final String PARENT_PID_ENV = "SLUICE_PARENT_PID";
    /** How often the parent's liveness is polled. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** Exit status of a child that stopped because its parent went away. */
    public static final int PARENT_GONE_EXIT = 70;
    /** After this long, a child whose orderly exit hangs in a shutdown hook is halted. */
    public static final Duration EXIT_GRACE = Duration.ofSeconds(3);

    private static final Map<String, Runnable> COMMANDS = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    private ParentWatch() {
    }

    /** Registers what the child does when the harness sends {@code command} on stdin. */
    public static void onCommand(String command, Runnable handler) {
        COMMANDS.put(command, handler);
    }

    /** The parent pid the harness passed, when this process was started by the harness. */
    public static Optional<Long> parentPidFromEnvironment() {
        String value = System.getenv(PARENT_PID_ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            System.err.println("sluice: ignoring " + PARENT_PID_ENV + "='" + value + "': not a pid");
            return Optional.empty();
        }
    }

    /** Starts watching when the harness asked for it; does nothing for a process started by hand. */
    public static synchronized void installFromEnvironment() {
        if (installed) {
            return;
        }
        Optional<Long> parentPid = parentPidFromEnvironment();
        if (parentPid.isEmpty()) {
            return;
        }
        installed = true;
        long pid = parentPid.get();
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            exitBecause("parent process " + pid + " is already gone");
        }
        daemon("sluice-parent-stdin", ParentWatch::readCommandsUntilEof).start();
        daemon("sluice-parent-poll", () -> pollParent(parent.get())).start();
    }

    private static void readCommandsUntilEof() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                dispatch(line.trim());
            }
        } catch (IOException e) {
            exitBecause("standard input from the parent failed: " + e.getMessage());
        }
        exitBecause("standard input from the parent was closed");
    }

    private static void dispatch(String line) {
        if (line.isEmpty()) {
            return;
        }
        String command = line.split("\\s+", 2)[0];
        Runnable handler = COMMANDS.get(command);
        if (handler == null) {
            System.out.println("{\"event\":\"error\",\"error\":\"unknown command: " + command.replace("\"", "'") + "\"}");
            System.out.flush();
            return;
        }
        try {
            handler.run();
        } catch (RuntimeException e) {
            System.out.println("{\"event\":\"error\",\"error\":\"command " + command + " failed: "
                    + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
            System.out.flush();
        }
    }

    private static void pollParent(ProcessHandle parent) {
        while (parent.isAlive()) {
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
        exitBecause("parent process " + parent.pid() + " exited");
    }

    private static void exitBecause(String reason) {
        System.err.println("sluice: exiting: " + reason);
        Thread halter = daemon("sluice-exit-halter", () -> {
            try {
                Thread.sleep(EXIT_GRACE.toMillis());
            } catch (InterruptedException e) {
                // fall through: halt anyway
            }
            Runtime.getRuntime().halt(PARENT_GONE_EXIT);
        });
        halter.start();
        System.exit(PARENT_GONE_EXIT);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
