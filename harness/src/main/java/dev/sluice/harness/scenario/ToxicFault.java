package dev.sluice.harness.scenario;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A Toxiproxy toxic added in one or both directions on start and removed on heal. */
public final class ToxicFault implements Fault {
    /** Adds one toxic, named as given, in one direction. */
    @FunctionalInterface
    public interface Adder {
        void add(ToxicList toxics, String name, ToxicDirection direction) throws IOException;
    }

    private final String description;
    private final List<ToxicDirection> directions;
    private final Adder adder;
    private final List<String> added = new ArrayList<>();

    private ToxicFault(String description, List<ToxicDirection> directions, Adder adder) {
        this.description = description;
        this.directions = directions;
        this.adder = adder;
    }

    public static ToxicFault bothWays(String description, Adder adder) {
        return new ToxicFault(description + " both ways", List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM),
                adder);
    }

    public static ToxicFault oneWay(String description, ToxicDirection direction, Adder adder) {
        return new ToxicFault(description + " " + direction.name().toLowerCase(java.util.Locale.ROOT),
                List.of(direction), adder);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void start(FaultTargets targets) throws IOException {
        for (ToxicDirection direction : directions) {
            String name = "fault-" + direction.name().toLowerCase(java.util.Locale.ROOT);
            adder.add(targets.proxy().toxics(), name, direction);
            added.add(name);
        }
    }

    @Override
    public void heal(FaultTargets targets) throws IOException {
        for (String name : added) {
            targets.proxy().toxics().get(name).remove();
        }
        added.clear();
    }
}
