package dev.sluice.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The CLI in a child JVM on the test classpath, its stdout read line by line; destroyed by close(). */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final StringBuffer stdout = new StringBuffer();

    private CliProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), "cli-stdout");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), "cli-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    static CliProcess start(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SluiceCli.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(KeyPassword.DEFAULT_VARIABLE);
        builder.environment().putAll(environment);
        return new CliProcess(builder.start());
    }

    private void pump(BufferedReader reader, boolean out) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (out) {
                    stdout.append(line).append('\n');
                    lines.add(line);
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    String nextLine(long seconds) throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no stdout line within " + seconds + " s; stdout so far: " + stdout + "; stderr: "
                    + stderr);
        }
        return line;
    }

    String stderr() {
        return stderr.toString();
    }

    /** Sends SIGTERM (through the handle: Process#destroy would also close our end of its stdout). */
    void terminate() {
        process.toHandle().destroy();
    }

    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
