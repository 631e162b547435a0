package dev.sluice.harness.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One node running as a separate JVM. Its stdout is copied line by line to a file and every JSON
 * line becomes a {@link NodeEvent}; its stderr goes straight to a file. Closing it closes the
 * node's stdin (which makes a node started with {@link ParentWatch} exit), waits a grace period,
 * then kills the process tree. A JVM shutdown hook ({@link NodeReaper}) does the same for every
 * node still running when the harness is interrupted or terminated.
 */
public final class NodeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeSpec spec;
    private final Process process;
    private final Thread stdoutPump;
    /** Guarded by {@code this}: written by the stdout pump, read by any waiting thread. */
    private final List<NodeEvent> events = new ArrayList<>();
    /** Guarded by {@code this}: set by the pump when stdout ends. */
    private boolean stdoutEnded;
    /** Written by close and by {@link #command}, from the harness thread. */
    private final Writer stdin;

    private NodeProcess(NodeSpec spec, Process process) throws IOException {
        this.spec = spec;
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Writer log = Files.newBufferedWriter(spec.stdoutFile(), StandardCharsets.UTF_8);
        this.stdoutPump = new Thread(() -> pumpStdout(log), "node-" + spec.name() + "-stdout");
        this.stdoutPump.setDaemon(true);
        this.stdoutPump.start();
    }

    /** Starts the node; it is registered with the reaper before this returns. */
    public static NodeProcess start(NodeSpec spec) throws IOException {
        Files.createDirectories(spec.outputDirectory());
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .redirectError(spec.stderrFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(spec.environment());
        builder.environment().put(ParentWatch.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        Process process = builder.start();
        NodeReaper.register(process);
        return new NodeProcess(spec, process);
    }

    public String name() {
        return spec.name();
    }

    public NodeSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every JSON line read so far, in order. */
    public synchronized List<NodeEvent> events() {
        return List.copyOf(events);
    }

    /** The first event (already read or still to come) that matches; fails when the node exits or time runs out. */
    public NodeEvent awaitEvent(String what, Predicate<NodeEvent> match, Duration timeout)
            throws TimeoutException, InterruptedException {
        return awaitEventAfter(0, what, match, timeout);
    }

    /** Like {@link #awaitEvent} but ignores the first {@code skip} events. */
    public synchronized NodeEvent awaitEventAfter(int skip, String what, Predicate<NodeEvent> match, Duration timeout)
            throws TimeoutException, InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        int checked = skip;
        while (true) {
            for (; checked < events.size(); checked++) {
                if (match.test(events.get(checked))) {
                    return events.get(checked);
                }
            }
            if (stdoutEnded) {
                throw new TimeoutException(spec.name() + " ended its output (exit " + exitDescription()
                        + ") before " + what + "; see " + spec.stderrFile());
            }
            if (deadline.passed()) {
                throw new TimeoutException(spec.name() + ": no " + what + " within " + timeout
                        + "; see " + spec.stdoutFile() + " and " + spec.stderrFile());
            }
            wait(Math.max(1, deadline.remaining().toMillis()));
        }
    }

    /** The first event of this type. */
    public NodeEvent awaitEvent(String type, Duration timeout) throws TimeoutException, InterruptedException {
        return awaitEvent("'" + type + "' event", e -> e.is(type), timeout);
    }

    /** Sends one command line on the node's stdin (see {@link ParentWatch#onCommand}). */
    public void command(String line) {
        try {
            synchronized (stdin) {
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send '" + line + "' to " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the process to exit; the exit status, or empty when it is still running at the deadline. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stdoutPump.join(timeout.toMillis());
            return Optional.of(process.exitValue());
        }
        return Optional.empty();
    }

    private String exitDescription() {
        return process.isAlive() ? "not yet" : Integer.toString(process.exitValue());
    }

    /** Asks the node to go (stdin EOF), then kills the tree when it has not gone within the grace period. */
    @Override
    public void close() {
        try {
            try {
                stdin.close();
            } catch (IOException e) {
                // the node is already gone; nothing to tell it
            }
            if (!process.waitFor(spec.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(spec.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
            stdoutPump.join(spec.stopGrace().toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            NodeReaper.unregister(process);
        }
    }

    private void pumpStdout(Writer log) {
        try (log; BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                long now = System.nanoTime();
                log.write(line);
                log.write('\n');
                log.flush();
                parse(line).ifPresent(json -> record(new NodeEvent(spec.name(), now, json)));
            }
        } catch (IOException e) {
            // the pipe broke because the process died; what was read is kept
        } finally {
            synchronized (this) {
                stdoutEnded = true;
                notifyAll();
            }
        }
    }

    private synchronized void record(NodeEvent event) {
        events.add(event);
        notifyAll();
    }

    private static Optional<JsonNode> parse(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(trimmed));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
