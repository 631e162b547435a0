package dev.sluice.harness.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.chaos.process.ProcessFaults;
import dev.sluice.chaos.process.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    /** Parent poll interval plus JVM exit, with room for a loaded machine. */
    private static final Duration ORPHAN_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void readsJsonLinesCapturesOutputAndTakesCommands() throws Exception {
        try (NodeProcess node = NodeProcess.start(spec("idle", IdleNode.class))) {
            NodeEvent ready = node.awaitEvent("ready", STARTUP);
            assertThat(ready.number("pid")).isEqualTo(node.pid());

            node.command("ping");
            node.awaitEvent("pong", STARTUP);
            node.command("no-such-command");
            NodeEvent error = node.awaitEvent("error", STARTUP);
            assertThat(error.text("error")).contains("no-such-command");

            assertThat(node.events()).extracting(NodeEvent::type).containsExactly("ready", "pong", "error");
            assertThat(Files.readString(node.spec().stdoutFile())).contains("not json: a log line");
        }
    }

    @Test
    void closeEndsTheNodeThroughItsStdin() throws Exception {
        NodeProcess node = NodeProcess.start(spec("idle", IdleNode.class));
        node.awaitEvent("ready", STARTUP);

        node.close();

        assertThat(node.isAlive()).isFalse();
        assertThat(node.awaitExit(Duration.ZERO)).contains(ParentWatch.PARENT_GONE_EXIT);
        assertThat(Files.readString(node.spec().stderrFile())).contains("standard input from the parent was closed");
    }

    @Test
    void waitingForAnEventThatNeverComesFailsWithTheNodeNamed() throws Exception {
        try (NodeProcess node = NodeProcess.start(spec("idle", IdleNode.class))) {
            node.awaitEvent("ready", STARTUP);
            assertThatThrownBy(() -> node.awaitEvent("never", Duration.ofMillis(200)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("idle")
                    .hasMessageContaining("'never' event");
        }
    }

    @Test
    void childExitsWhenItsParentIsKilled() throws Exception {
        try (NodeProcess harness = NodeProcess.start(spec("harness", SpawningNode.class, dir.toString()))) {
            long grandchild = harness.awaitEvent("spawned", STARTUP).number("childPid");
            assertThat(ProcessHandle.of(grandchild)).map(ProcessHandle::isAlive).contains(true);

            new ProcessFaults().signal(Signal.KILL, harness.handle());

            assertThat(harness.awaitExit(ORPHAN_BOUND)).contains(128 + 9);
            Deadline.after(ORPHAN_BOUND).await("orphan " + grandchild + " to exit",
                    () -> ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    void childIsKilledWhenItsParentIsTerminated() throws Exception {
        try (NodeProcess harness = NodeProcess.start(spec("harness", SpawningNode.class, dir.toString()))) {
            long grandchild = harness.awaitEvent("spawned", STARTUP).number("childPid");

            harness.handle().destroy();

            Optional<Integer> exit = harness.awaitExit(ORPHAN_BOUND);
            assertThat(exit).isPresent();
            Deadline.after(ORPHAN_BOUND).await("child " + grandchild + " to exit",
                    () -> ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true));
        }
    }

    private NodeSpec spec(String name, Class<?> main, String... args) {
        return NodeSpec.builder(name).mainClass(main.getName()).arguments(args).outputDirectory(dir).build();
    }
}
