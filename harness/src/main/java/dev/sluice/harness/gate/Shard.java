package dev.sluice.harness.gate;

import java.util.Comparator;
import java.util.List;

/**
 * One of {@code count} slices of the gate's scenario x seed matrix, numbered from 1. Every case
 * is in exactly one shard: the cases are sorted by (scenario name, seed round) and dealt out in
 * turn, the first to shard 1, the second to shard 2, and so on. Sorting makes the split depend
 * only on which cases there are, not on the catalogue's order; dealing in turn keeps the shards
 * within one case of each other, and with {@code --seeds N} split into N shards every shard runs
 * every scenario once.
 *
 * @param index this shard, 1..count
 * @param count how many shards the matrix is split into
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(1, 1);
    public static final int MAX_COUNT = 1000;

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shard count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: K in K/N must be"
                    + " between 1 and N");
        }
    }

    /** Parses {@code K/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--shard takes K/N (e.g. 2/4), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard takes K/N with whole numbers (e.g. 2/4), got '" + text + "'");
        }
    }

    /** The cases of this shard, in the order given. */
    public List<GateCase> select(List<GateCase> matrix) {
        if (count == 1) {
            return List.copyOf(matrix);
        }
        List<GateCase> sorted = matrix.stream().sorted(Comparator.comparing(GateCase::scenario)
                .thenComparingInt(GateCase::round)).toList();
        java.util.Set<GateCase> mine = new java.util.HashSet<>();
        for (int position = 0; position < sorted.size(); position++) {
            if (position % count == index - 1) {
                mine.add(sorted.get(position));
            }
        }
        return matrix.stream().filter(mine::contains).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
