package dev.sluice.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalogue: every scenario by name, in the order the gate runs them. */
public final class Scenarios {
    private Scenarios() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(CleanScenarios.all());
        all.addAll(ConnectionFaultScenarios.all());
        all.addAll(ProcessFaultScenarios.all());
        all.addAll(LifecycleScenarios.all());
        all.addAll(PacketScenarios.all());
        all.addAll(RpcScenarios.all());
        return List.copyOf(all);
    }

    public static List<Scenario> quick() {
        return all().stream().filter(Scenario::quick).toList();
    }

    public static Optional<Scenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }
}
