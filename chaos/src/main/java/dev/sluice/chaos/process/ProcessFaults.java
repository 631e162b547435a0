package dev.sluice.chaos.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Process faults on a whole process tree: kill (SIGKILL), freeze (SIGSTOP) and resume (SIGCONT).
 *
 * <p>Descendants are listed before the first signal is sent, because a killed parent's children
 * are re-parented and would no longer appear as its descendants. Freezing stops the root first so
 * it cannot start new children while the tree is walked; resuming thaws the descendants first so
 * the root never runs while its helpers are still frozen.
 *
 * <p>Signals are sent with the platform's {@code kill} command. Platforms without POSIX signals
 * (Windows) get a {@link ProcessFaultException} that says so, except for kill, which falls back to
 * {@link ProcessHandle#destroyForcibly()}.
 */
public final class ProcessFaults {
    /** How long one {@code kill} command may take before it is considered hung. */
    public static final Duration DEFAULT_SIGNAL_TIMEOUT = Duration.ofSeconds(5);

    private final Duration signalTimeout;
    private final boolean posixSignals;

    public ProcessFaults() {
        this(DEFAULT_SIGNAL_TIMEOUT, !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    ProcessFaults(Duration signalTimeout, boolean posixSignals) {
        this.signalTimeout = signalTimeout;
        this.posixSignals = posixSignals;
    }

    /** True when this platform can freeze and resume processes. */
    public boolean supportsSignals() {
        return posixSignals;
    }

    /** SIGKILLs the process and every descendant it has now. Already-dead processes are skipped. */
    public void kill(ProcessHandle root) {
        List<ProcessHandle> tree = treeRootFirst(root);
        if (!posixSignals) {
            tree.forEach(ProcessHandle::destroyForcibly);
            return;
        }
        signalAll(Signal.KILL, tree);
    }

    /** SIGSTOPs the process and its descendants: open sockets stay open, nothing is read or sent. */
    public void freeze(ProcessHandle root) {
        requireSignals(Signal.STOP, root);
        signalAll(Signal.STOP, treeRootFirst(root));
    }

    /** SIGCONTs the process and its descendants, children first. */
    public void resume(ProcessHandle root) {
        requireSignals(Signal.CONT, root);
        List<ProcessHandle> tree = treeRootFirst(root);
        List<ProcessHandle> childrenFirst = new ArrayList<>(tree);
        java.util.Collections.reverse(childrenFirst);
        signalAll(Signal.CONT, childrenFirst);
    }

    /** Sends one signal to one process (not its descendants). */
    public void signal(Signal signal, ProcessHandle process) {
        requireSignals(signal, process);
        signalAll(signal, List.of(process));
    }

    private void requireSignals(Signal signal, ProcessHandle process) {
        if (!posixSignals) {
            throw new ProcessFaultException("cannot send SIG" + signal + " to process " + process.pid()
                    + ": this platform (" + System.getProperty("os.name") + ") has no POSIX signals;"
                    + " only kill is supported here");
        }
    }

    private static List<ProcessHandle> treeRootFirst(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    private void signalAll(Signal signal, List<ProcessHandle> processes) {
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal.killArgument()));
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle process : processes) {
            if (process.isAlive()) {
                alive.add(process);
                command.add(Long.toString(process.pid()));
            }
        }
        if (alive.isEmpty()) {
            return;
        }
        runKill(signal, command, alive);
    }

    private void runKill(Signal signal, List<String> command, List<ProcessHandle> targets) {
        Process kill;
        try {
            kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ProcessFaultException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        }
        try {
            if (!kill.waitFor(signalTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new ProcessFaultException("'" + String.join(" ", command) + "' did not finish within " + signalTimeout);
            }
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            // A process may exit between the liveness check and the signal; that is not a failure.
            if (kill.exitValue() != 0 && targets.stream().anyMatch(ProcessHandle::isAlive)) {
                throw new ProcessFaultException("SIG" + signal + " failed (exit " + kill.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill.destroyForcibly();
            throw new ProcessFaultException("interrupted while sending SIG" + signal, e);
        } catch (IOException e) {
            throw new ProcessFaultException("cannot read the output of kill: " + e.getMessage(), e);
        }
    }
}
