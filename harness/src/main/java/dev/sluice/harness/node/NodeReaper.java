package dev.sluice.harness.node;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every node still running when the harness JVM shuts down (normal exit, SIGINT, SIGTERM).
 * SIGKILL of the harness cannot be caught here; {@link ParentWatch} covers it from the child side.
 */
final class NodeReaper {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(NodeReaper::killAll, "sluice-node-reaper"));
    }

    private NodeReaper() {
    }

    static void register(Process process) {
        RUNNING.add(process);
    }

    static void unregister(Process process) {
        RUNNING.remove(process);
    }

    static int running() {
        return RUNNING.size();
    }

    private static void killAll() {
        for (Process process : RUNNING) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
