package dev.sluice.harness.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Starts and heals faults, marks both on the timeline, and on {@link #close} heals whatever is
 * still active, newest first: a scenario that fails half-way never leaves a frozen process or a
 * toxic behind.
 */
public final class Nemesis implements AutoCloseable {
    private final Supplier<FaultTargets> targets;
    private final Timeline timeline;
    /** Touched only by the scenario's thread. */
    private final Deque<Fault> active = new ArrayDeque<>();

    public Nemesis(Supplier<FaultTargets> targets, Timeline timeline) {
        this.targets = targets;
        this.timeline = timeline;
    }

    /** Starts a fault; returns {@link System#nanoTime} just before it began, for detection times. */
    public long start(Fault fault) throws Exception {
        long at = System.nanoTime();
        fault.start(targets.get());
        active.push(fault);
        timeline.markAt(at, Timeline.Kind.FAULT_START, fault.describe());
        return at;
    }

    public void heal(Fault fault) throws Exception {
        if (active.remove(fault)) {
            fault.heal(targets.get());
            timeline.mark(Timeline.Kind.FAULT_HEAL, fault.describe());
        }
    }

    /**
     * Keeps the active faults in place until {@code nanos} ({@link System#nanoTime}): a fault's
     * duration is part of the schedule, not a wait for something to happen.
     */
    public void holdUntil(long nanos) throws InterruptedException {
        long remaining = nanos - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }

    public List<Fault> active() {
        return List.copyOf(active);
    }

    /** Heals every active fault; a heal that fails is reported after the others were tried. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!active.isEmpty()) {
            Fault fault = active.pop();
            try {
                fault.heal(targets.get());
                timeline.mark(Timeline.Kind.FAULT_HEAL, fault.describe() + " (final heal)");
            } catch (Exception e) {
                if (first == null) {
                    first = new Exception("could not heal '" + fault.describe() + "': " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
