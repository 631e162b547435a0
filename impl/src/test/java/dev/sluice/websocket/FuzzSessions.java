package dev.sluice.websocket;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.sluice.testsupport.PropertyRuns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of client byte streams: valid sessions (text split anywhere, binary, pings,
 * pongs, a close) and mutations of them that keep most of their structure, so the fuzzing reaches
 * deep states of the decoder rather than failing on the first byte.
 */
final class FuzzSessions {
    private static final int[] VALID_CLOSE_CODES = {1000, 1001, 1003, 1008, 3000, 4999};

    private FuzzSessions() {
    }

    /** A valid session as its list of frames (kept apart so that mutations can work on frames). */
    static Gen<List<byte[]>> validFrames() {
        Gen<List<byte[]>> messages = lists().of(Generate.oneOf(textMessage(), binaryMessage(), control()))
                .ofSizeBetween(1, 6).map(list -> {
                    List<byte[]> frames = new ArrayList<>();
                    list.forEach(frames::addAll);
                    return frames;
                });
        return messages.zip(arbitrary().pick(true, false, false, false), (frames, withClose) -> {
            List<byte[]> session = new ArrayList<>(frames);
            if (withClose) {
                session.add(WireFrames.client(WireFrames.CLOSE,
                        WireFrames.closePayload(VALID_CLOSE_CODES[frames.size() % VALID_CLOSE_CODES.length],
                                "bye".getBytes(StandardCharsets.UTF_8))));
            }
            return session;
        });
    }

    static Gen<byte[]> validSessions() {
        return validFrames().map(frames -> WireFrames.concat(frames.toArray(byte[][]::new)));
    }

    /** A valid session changed by one to three mutations at frame or byte level. */
    static Gen<byte[]> mutatedSessions() {
        Gen<byte[]> frameLevel = validFrames().zip(frameMutation(),
                (frames, mutation) -> WireFrames.concat(mutation.apply(frames).toArray(byte[][]::new)));
        return frameLevel.zip(lists().of(byteMutation()).ofSizeBetween(0, 3), (bytes, mutations) -> {
            byte[] result = bytes;
            for (UnaryOperator<byte[]> mutation : mutations) {
                result = mutation.apply(result);
            }
            return result;
        });
    }

    private static Gen<List<byte[]>> textMessage() {
        return strings().allPossible().ofLengthBetween(0, 80).zip(integers().between(1, 3), integers().between(0, 1000),
                (text, pieces, seed) -> fragments(WireFrames.TEXT, text.getBytes(StandardCharsets.UTF_8), pieces, seed));
    }

    private static Gen<List<byte[]>> binaryMessage() {
        return PropertyRuns.byteArrays(0, 700).zip(integers().between(1, 3), integers().between(0, 1000),
                (payload, pieces, seed) -> fragments(WireFrames.BINARY, payload, pieces, seed));
    }

    private static Gen<List<byte[]>> control() {
        return arbitrary().pick(WireFrames.PING, WireFrames.PONG).zip(PropertyRuns.byteArrays(0, 125),
                (opcode, payload) -> List.of(WireFrames.client(opcode, payload)));
    }

    /** Splits {@code payload} into {@code pieces} fragments at positions derived from {@code seed}. */
    private static List<byte[]> fragments(int opcode, byte[] payload, int pieces, int seed) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < pieces; i++) {
            boolean last = i == pieces - 1;
            int end = last ? payload.length : Math.min(payload.length, start + (seed * (i + 7)) % (payload.length + 1));
            frames.add(WireFrames.frame(last, 0, i == 0 ? opcode : WireFrames.CONTINUATION, true,
                    Arrays.copyOfRange(payload, start, end)));
            start = end;
        }
        return frames;
    }

    private static Gen<UnaryOperator<List<byte[]>>> frameMutation() {
        Gen<Integer> index = integers().between(0, 10);
        return Generate.oneOf(
                arbitrary().constant(UnaryOperator.identity()),
                index.map(i -> frames -> duplicate(frames, i)),
                index.map(i -> frames -> drop(frames, i)),
                index.map(i -> frames -> swapWithNext(frames, i)),
                validFrames().zip(index, (other, i) -> frames -> splice(frames, other, i)));
    }

    private static Gen<UnaryOperator<byte[]>> byteMutation() {
        Gen<Double> where = doubles().fromZeroToOne();
        return Generate.oneOf(
                where.zip(integers().between(0, 7), (at, bit) -> bytes -> flipBit(bytes, at, bit)),
                where.map(at -> bytes -> Arrays.copyOf(bytes, position(bytes, at))),
                where.zip(PropertyRuns.byteArrays(0, 16), (at, junk) -> bytes -> insert(bytes, at, junk)));
    }

    private static List<byte[]> duplicate(List<byte[]> frames, int i) {
        List<byte[]> result = new ArrayList<>(frames);
        result.add(i % frames.size(), frames.get(i % frames.size()));
        return result;
    }

    private static List<byte[]> drop(List<byte[]> frames, int i) {
        List<byte[]> result = new ArrayList<>(frames);
        result.remove(i % frames.size());
        return result;
    }

    private static List<byte[]> swapWithNext(List<byte[]> frames, int i) {
        List<byte[]> result = new ArrayList<>(frames);
        if (result.size() > 1) {
            int at = i % (result.size() - 1);
            result.set(at, frames.get(at + 1));
            result.set(at + 1, frames.get(at));
        }
        return result;
    }

    private static List<byte[]> splice(List<byte[]> frames, List<byte[]> other, int i) {
        List<byte[]> result = new ArrayList<>(frames.subList(0, i % (frames.size() + 1)));
        result.addAll(other.subList(i % other.size(), other.size()));
        return result;
    }

    private static int position(byte[] bytes, double at) {
        return (int) Math.min(bytes.length, Math.floor(at * (bytes.length + 1)));
    }

    private static byte[] flipBit(byte[] bytes, double at, int bit) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] result = bytes.clone();
        int i = Math.min(bytes.length - 1, position(bytes, at));
        result[i] ^= (byte) (1 << bit);
        return result;
    }

    private static byte[] insert(byte[] bytes, double at, byte[] junk) {
        int i = position(bytes, at);
        return WireFrames.concat(Arrays.copyOfRange(bytes, 0, i), junk, Arrays.copyOfRange(bytes, i, bytes.length));
    }
}
