package dev.sluice.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A child's control channel: commands arrive as lines on stdin, and stdin reaching EOF (the parent
 * closed it, or died) ends the child, so a child never outlives its parent.
 */
public final class StdinControl {
    private final CountDownLatch ended = new CountDownLatch(1);

    private StdinControl() {
    }

    /** Starts reading stdin on a daemon thread, handing each non-blank line to {@code commands}. */
    public static StdinControl start(Consumer<String> commands) {
        StdinControl control = new StdinControl();
        Thread reader = new Thread(() -> control.readUntilEof(commands), "stdin-control");
        reader.setDaemon(true);
        reader.start();
        return control;
    }

    /** Blocks until stdin ends or a handler called {@link #end()}. */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    public void end() {
        ended.countDown();
    }

    private void readUntilEof(Consumer<String> commands) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    commands.accept(line.trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("control channel failed: " + e.getMessage());
        } finally {
            end();
        }
    }
}
