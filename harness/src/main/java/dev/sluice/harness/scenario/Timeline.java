package dev.sluice.harness.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened when during one scenario, on one clock ({@link System#nanoTime}) shared by the
 * harness and every event it reads from its nodes. Thread-safe.
 */
public final class Timeline {
    /** What a mark is, so the report can draw each kind its own way. */
    public enum Kind { FAULT_START, FAULT_HEAL, DETECTION, NOTE }

    /** @param millis since the scenario started */
    public record Mark(long millis, Kind kind, String label) {
    }

    /** One stream's bytes received back, sampled over time. */
    public record Sample(long millis, String client, long[] received) {
    }

    private final long startNanos;
    private final List<Mark> marks = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();

    public Timeline(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A timeline read back from a report (marks and samples in milliseconds since the start). */
    public static Timeline restored(List<Mark> marks, List<Sample> samples) {
        Timeline timeline = new Timeline(0);
        timeline.marks.addAll(marks);
        timeline.samples.addAll(samples);
        return timeline;
    }

    public long startNanos() {
        return startNanos;
    }

    public long millisAt(long nanos) {
        return (nanos - startNanos) / 1_000_000;
    }

    public long now() {
        return millisAt(System.nanoTime());
    }

    public synchronized void mark(Kind kind, String label) {
        marks.add(new Mark(now(), kind, label));
    }

    public synchronized void markAt(long nanos, Kind kind, String label) {
        marks.add(new Mark(millisAt(nanos), kind, label));
    }

    public synchronized void sample(long nanos, String client, long[] received) {
        samples.add(new Sample(millisAt(nanos), client, received));
    }

    public synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}
