package dev.sluice.harness.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Stands in for a harness: starts an {@link IdleNode}, reports its pid, and waits to be killed. */
public final class SpawningNode {
    private SpawningNode() {
    }

    public static void main(String[] args) throws Exception {
        NodeSpec spec = NodeSpec.builder("grandchild").mainClass(IdleNode.class.getName())
                .outputDirectory(Path.of(args[0])).build();
        NodeProcess child = NodeProcess.start(spec);
        child.awaitEvent("ready", Duration.ofSeconds(30));
        System.out.println("{\"event\":\"spawned\",\"childPid\":" + child.pid() + "}");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
