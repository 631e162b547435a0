package dev.sluice.bench.proc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A spawned benchmark process (echo server or load generator): JSON event lines from its stdout,
 * commands to its stdin, its stderr to a log file. Closing stdin ends it; a JVM shutdown hook
 * kills whatever is still running, so children never outlive the benchmark.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final String END_OF_OUTPUT = "\u0000eof";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "bench-children-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(this::pumpStdout, name + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command}; its stderr goes to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        return start(name, command, log, Map.of());
    }

    /**
     * Starts {@code command} with this environment changed by {@code env}: a key with a value is
     * set, a key mapped to the empty string is removed.
     */
    public static ChildProcess start(String name, List<String> command, Path log, Map<String, String> env)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        env.forEach((key, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        Process process = builder.start();
        LIVE.add(process);
        return new ChildProcess(name, process, log);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the next JSON line whose "event" is {@code event}, skipping other lines. */
    public JsonNode awaitEvent(String event, Duration timeout) throws IOException, InterruptedException,
            TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new TimeoutException(name + " did not report '" + event + "' within " + timeout.toSeconds()
                        + " s; see " + log);
            }
            if (line.equals(END_OF_OUTPUT)) {
                lines.add(END_OF_OUTPUT);
                throw new IOException(name + " exited (code " + exitCodeSoon() + ") before reporting '" + event
                        + "'; its log " + log + " ends with:\n" + tail());
            }
            if (line.startsWith("{")) {
                JsonNode node = JsonLines.MAPPER.readTree(line);
                if (event.equals(node.path("event").asText())) {
                    return node;
                }
                if ("error".equals(node.path("event").asText())) {
                    throw new IOException(name + " reported an error while '" + event + "' was awaited: "
                            + node.path("message").asText());
                }
            }
        }
    }

    /** Sends one command line to the child's stdin. */
    public void send(String command) throws IOException {
        stdin.write(command);
        stdin.write('\n');
        stdin.flush();
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone: nothing to tell it
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(process);
        }
    }

    private void pumpStdout() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended; END_OF_OUTPUT tells the reader
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    private String exitCodeSoon() throws InterruptedException {
        return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
