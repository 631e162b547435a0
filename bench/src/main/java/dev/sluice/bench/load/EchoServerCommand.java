package dev.sluice.bench.load;

import dev.sluice.bench.control.EchoServerHandle;
import dev.sluice.bench.control.ServerCounters;
import dev.sluice.bench.proc.JsonLines;
import dev.sluice.bench.proc.StdinControl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Child process: runs one echo server until stdin ends. Reports {"event":"ready",...}; answers the
 * stdin command {@code heap} with {"event":"heap",...} (live heap after a full GC), and
 * {@code counters} with {"event":"counters",...} (CPU time, bytes allocated, bytes echoed).
 */
@Command(name = "echo-server", description = "Run one echo server until stdin closes (spawned by 'run').")
public final class EchoServerCommand implements Callable<Integer> {
    @Option(names = "--kind", required = true, description = "sluice, wss or ws")
    String kind;

    @Option(names = "--threads", defaultValue = "0", description = "event loop threads (0: Netty's default)")
    int threads;

    @Override
    public Integer call() throws Exception {
        TargetKind target = TargetKind.parse(kind);
        try (EchoServerHandle server = Targets.startServer(target, threads)) {
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("event", "ready");
            ready.put("kind", target.id());
            ready.put("url", server.url());
            ready.put("pid", ProcessHandle.current().pid());
            ready.put("details", server.connectDetails());
            JsonLines.emit(ready);
            StdinControl control = StdinControl.start(command -> answer(command, server));
            control.awaitEnd();
        }
        return 0;
    }

    private static void answer(String command, EchoServerHandle server) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (command.equals("counters")) {
            JsonLines.emit(ServerCounters.read(server));
            return;
        }
        if (command.equals("heap")) {
            HeapProbe probe = HeapProbe.afterGc();
            reply.put("event", "heap");
            reply.put("heapUsedBytes", probe.heapUsedBytes());
            reply.put("directUsedBytes", probe.directUsedBytes());
            reply.put("connections", server.connectionCount());
        } else {
            reply.put("event", "error");
            reply.put("message", "unknown command '" + command + "'; expected heap or counters");
        }
        JsonLines.emit(reply);
    }
}
