package dev.sluice.harness.scenario;

import dev.sluice.chaos.process.ProcessFaults;
import dev.sluice.harness.node.NodeProcess;
import java.util.function.Function;

/** SIGKILL or SIGSTOP of a node's process tree; heal resumes a frozen one (a killed one stays dead). */
public final class ProcessFault implements Fault {
    private static final ProcessFaults SIGNALS = new ProcessFaults();

    private final String description;
    private final Function<FaultTargets, NodeProcess> target;
    private final boolean freeze;
    private NodeProcess frozen;

    private ProcessFault(String description, Function<FaultTargets, NodeProcess> target, boolean freeze) {
        this.description = description;
        this.target = target;
        this.freeze = freeze;
    }

    public static ProcessFault killServer() {
        return new ProcessFault("server SIGKILL", FaultTargets::server, false);
    }

    public static ProcessFault killClient() {
        return new ProcessFault("client SIGKILL", t -> t.client().get(), false);
    }

    public static ProcessFault freezeServer() {
        return new ProcessFault("server SIGSTOP", FaultTargets::server, true);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void start(FaultTargets targets) {
        NodeProcess node = target.apply(targets);
        if (freeze) {
            SIGNALS.freeze(node.handle());
            frozen = node;
        } else {
            SIGNALS.kill(node.handle());
        }
    }

    @Override
    public void heal(FaultTargets targets) {
        if (frozen != null) {
            SIGNALS.resume(frozen.handle());
            frozen = null;
        }
    }
}
