package dev.sluice.harness.scenario;

import dev.sluice.harness.packet.PacketFault;
import dev.sluice.harness.packet.PacketNetwork;

/** A {@link PacketFault} as a nemesis fault: it acts on the network namespaces the scenario's nodes run in. */
final class PacketLossFault implements Fault {
    private final PacketFault rules;

    PacketLossFault(int lossPercent, int duplicatePercent) {
        this.rules = new PacketFault(lossPercent, duplicatePercent);
    }

    @Override
    public String describe() {
        return rules.describe();
    }

    @Override
    public void start(FaultTargets targets) throws Exception {
        rules.start(network(targets));
    }

    @Override
    public void heal(FaultTargets targets) throws Exception {
        rules.heal(network(targets));
    }

    long dropped(FaultTargets targets) throws Exception {
        return rules.dropped(network(targets));
    }

    long duplicated(FaultTargets targets) throws Exception {
        return rules.duplicated(network(targets));
    }

    private static PacketNetwork network(FaultTargets targets) {
        if (targets.network() == null) {
            throw new IllegalStateException("packet faults need a scenario that runs its nodes in network namespaces");
        }
        return targets.network();
    }
}
