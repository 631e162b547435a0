package dev.sluice.harness.gate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies one gate run across its shards: the base seed, the number of seed rounds, the
 * armed server defect and the full matrix of cases (every shard's, not only this one's). Shards
 * merge only when all of this is equal; {@link #digest} condenses it.
 *
 * @param baseSeed the seed every case seed derives from
 * @param seeds the number of seed rounds
 * @param serverDefect the deliberate server defect armed, or null
 * @param matrix every case of the run, in run order
 * @param shard which slice of the matrix this output holds
 */
public record GateRun(long baseSeed, int seeds, String serverDefect, List<GateCase> matrix, Shard shard) {
    public GateRun {
        matrix = List.copyOf(matrix);
    }

    /** SHA-256 over everything but the shard: equal for every shard of one run, different otherwise. */
    public String digest() {
        StringBuilder text = new StringBuilder();
        text.append(baseSeed).append('\n').append(seeds).append('\n').append(serverDefect).append('\n');
        for (GateCase c : matrix) {
            text.append(c.key()).append(' ').append(c.seed()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public List<GateCase> cases() {
        return shard.select(matrix);
    }
}
