package dev.sluice.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of client byte streams: valid sessions (text split anywhere, binary, pings,
 * pongs, a close) and mutations of them that keep most of their structure, so the fuzzing reaches
 * deep states of the decoder rather than failing on the first byte.
 */
final class FuzzSessions {
    private static final int[] VALID_CLOSE_CODES = {1000, 1001, 1003, 1008, 3000, 4999};

    private FuzzSessions() {
    }

    /** A valid session as its list of frames (kept apart so that mutations can work on frames). */
    static Arbitrary<List<byte[]>> validFrames() {
        return Arbitraries.oneOf(textMessage(), binaryMessage(), control())
                .list().ofMinSize(1).ofMaxSize(6)
                .map(messages -> {
                    List<byte[]> frames = new ArrayList<>();
                    messages.forEach(frames::addAll);
                    return frames;
                })
                .flatMap(frames -> Arbitraries.of(true, false, false, false).map(withClose -> {
                    List<byte[]> session = new ArrayList<>(frames);
                    if (withClose) {
                        session.add(WireFrames.client(WireFrames.CLOSE,
                                WireFrames.closePayload(VALID_CLOSE_CODES[frames.size() % VALID_CLOSE_CODES.length],
                                        "bye".getBytes(StandardCharsets.UTF_8))));
                    }
                    return session;
                }));
    }

    static Arbitrary<byte[]> validSessions() {
        return validFrames().map(frames -> WireFrames.concat(frames.toArray(byte[][]::new)));
    }

    /** A valid session changed by one to three mutations at frame or byte level. */
    static Arbitrary<byte[]> mutatedSessions() {
        Arbitrary<byte[]> frameLevel = Combinators.combine(validFrames(), frameMutation())
                .as((frames, mutation) -> WireFrames.concat(mutation.apply(frames).toArray(byte[][]::new)));
        return Combinators.combine(frameLevel, byteMutation().list().ofMinSize(0).ofMaxSize(3))
                .as((bytes, mutations) -> {
                    byte[] result = bytes;
                    for (UnaryOperator<byte[]> mutation : mutations) {
                        result = mutation.apply(result);
                    }
                    return result;
                });
    }

    private static Arbitrary<List<byte[]>> textMessage() {
        return Combinators.combine(Arbitraries.strings().ofMaxLength(80), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 1000)).as((text, pieces, seed) -> {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    return fragments(WireFrames.TEXT, utf8, pieces, seed);
                });
    }

    private static Arbitrary<List<byte[]>> binaryMessage() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(700),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 1000))
                .as((payload, pieces, seed) -> fragments(WireFrames.BINARY, payload, pieces, seed));
    }

    private static Arbitrary<List<byte[]>> control() {
        return Combinators.combine(Arbitraries.of(WireFrames.PING, WireFrames.PONG),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(125))
                .as((opcode, payload) -> List.of(WireFrames.client(opcode, payload)));
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

    private static Arbitrary<UnaryOperator<List<byte[]>>> frameMutation() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 10);
        return Arbitraries.oneOf(
                Arbitraries.just(UnaryOperator.identity()),
                index.map(i -> frames -> duplicate(frames, i)),
                index.map(i -> frames -> drop(frames, i)),
                index.map(i -> frames -> swapWithNext(frames, i)),
                Combinators.combine(validFrames(), index).as((other, i) -> frames -> splice(frames, other, i)));
    }

    private static Arbitrary<UnaryOperator<byte[]>> byteMutation() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        return Arbitraries.oneOf(
                Combinators.combine(where, Arbitraries.integers().between(0, 7))
                        .as((at, bit) -> bytes -> flipBit(bytes, at, bit)),
                where.map(at -> bytes -> Arrays.copyOf(bytes, position(bytes, at))),
                Combinators.combine(where, Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
                        .as((at, junk) -> bytes -> insert(bytes, at, junk)));
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
