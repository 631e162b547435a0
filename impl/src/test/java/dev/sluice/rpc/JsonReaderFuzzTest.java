package dev.sluice.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Coverage-guided fuzzing of the RPC layer's JSON reader: the streaming {@link JsonValueDecoder},
 * and the {@link MessageReader} that feeds it a stream's chunks as its listener asks for messages.
 * An input is three bytes that pick the limits and how the bytes are cut, then the bytes a hostile
 * peer sends ({@link Input}). Whatever they are, the reader returns values or fails with a -32700
 * parse error (no other exception), the values do not depend on where the input was cut, none is
 * nested deeper than the limit, and no chunk is kept after it was fed (each is scribbled over once
 * fed, which must change nothing). {@code mvn verify} replays the committed inputs under
 * {@code JsonReaderFuzzTestInputs/}; {@code ci/fuzz} fuzzes.
 */
class JsonReaderFuzzTest {

    @FuzzTest
    void anyBytesCutAnywhereDecodeAsWholeOrFailAsAParseError(byte[] data) throws Exception {
        Input input = Input.of(data);
        Outcome whole = decode(input, List.of(input.payload()));
        Outcome cut = decode(input, input.chunks());
        assertThat(cut.values()).as("values of the input cut every %d bytes", input.chunkSize())
                .isEqualTo(whole.values());
        assertThat(cut.failed()).as("failure of the input cut every %d bytes: %s", input.chunkSize(), cut.failure())
                .isEqualTo(whole.failed());
        for (JsonNode value : whole.values()) {
            assertThat(depth(value)).as("nesting of %s", value).isLessThanOrEqualTo(input.limits().maxDepth());
        }
    }

    @FuzzTest
    void theMessageReaderDeliversTheDecodedValuesThenExactlyOneEnd(byte[] data) throws Exception {
        Input input = Input.of(data);
        Outcome reference = decode(input, List.of(input.payload()));
        Recorder listener = new Recorder();
        Inbound inbound = new Inbound(null);
        Upstream upstream = new Upstream(inbound, input.chunks());
        MessageReader reader = new MessageReader(inbound, input.limits(), false, listener);
        inbound.consumer(reader);
        inbound.onSubscribe(upstream);
        // the listener asks for one message at a time until it has seen the end or a failure
        for (int steps = 0; listener.terminals() == 0; steps++) {
            assertThat(steps).as("the reader is still going after %d steps", steps).isLessThan(4 * data.length + 16);
            if (!upstream.deliver()) {
                reader.request(1);
            }
        }
        assertThat(listener.terminals()).as("one end or failure").isEqualTo(1);
        if (listener.failure != null) {
            assertThat(reference.failed()).as("the reader failed on input the decoder reads: %s", listener.failure).isTrue();
            assertThat(listener.failure).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.code()).isEqualTo(RpcCodes.PARSE_ERROR));
            // messages decoded but not yet delivered when the failure came are dropped with it
            assertThat(listener.messages.size()).isLessThanOrEqualTo(reference.values().size());
            assertThat(listener.messages).isEqualTo(reference.values().subList(0, listener.messages.size()));
        } else {
            assertThat(reference.failed()).as("the reader ended on input the decoder refuses: %s", reference.failure())
                    .isFalse();
            assertThat(listener.messages).isEqualTo(reference.values());
            assertThat(upstream.chunksLeft()).as("chunks not read at the end").isZero();
        }
    }

    /** Feeds {@code chunks} to a fresh decoder, scribbling over each once fed, then ends the input. */
    private static Outcome decode(Input input, List<byte[]> chunks) {
        JsonValueDecoder decoder = new JsonValueDecoder(input.limits());
        List<JsonNode> values = new ArrayList<>();
        try {
            for (byte[] chunk : chunks) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk.clone());
                assertThat(decoder.feed(buffer, values::add)).as("bytes left by a sink that never stops").isZero();
                assertThat(buffer.position()).as("the chunk's position is left as it was").isZero();
                Arrays.fill(buffer.array(), (byte) '"');
            }
            decoder.end(values::add);
            return new Outcome(values, null);
        } catch (RpcException e) {
            assertThat(e.code()).isEqualTo(RpcCodes.PARSE_ERROR);
            assertThat(e.getMessage()).isNotBlank();
            assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(new byte[] {'1', ' '}), values::add))
                    .as("a failed decoder stays failed").isInstanceOfSatisfying(RpcException.class,
                            again -> assertThat(again.code()).isEqualTo(RpcCodes.PARSE_ERROR));
            return new Outcome(values, e);
        }
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    private record Outcome(List<JsonNode> values, RpcException failure) {
        boolean failed() {
            return failure != null;
        }
    }

    /**
     * {@code [depth][size][cut][bytes...]}: the nesting limit is {@code 2 + (depth & 15)}, the message
     * size limit {@code 16 + 4 * size}, and the bytes are cut every {@code 1 + (cut & 63)} bytes.
     */
    private record Input(RpcLimits limits, int chunkSize, byte[] payload) {
        static Input of(byte[] data) {
            int header = Math.min(3, data.length);
            int[] h = new int[3];
            for (int i = 0; i < header; i++) {
                h[i] = data[i] & 0xFF;
            }
            RpcLimits limits = RpcLimits.builder().maxDepth(2 + (h[0] & 15)).maxMessageBytes(16 + 4 * h[1]).build();
            return new Input(limits, 1 + (h[2] & 63), Arrays.copyOfRange(data, header, data.length));
        }

        List<byte[]> chunks() {
            List<byte[]> chunks = new ArrayList<>();
            for (int at = 0; at < payload.length; at += chunkSize) {
                chunks.add(Arrays.copyOfRange(payload, at, Math.min(payload.length, at + chunkSize)));
            }
            return chunks;
        }
    }

    /** A stream that hands out its chunks only as they are requested, then completes. */
    private static final class Upstream implements Flow.Subscription {
        private final Inbound inbound;
        private final List<byte[]> chunks;
        private int next;
        private long requested;
        private boolean completed;

        Upstream(Inbound inbound, List<byte[]> chunks) {
            this.inbound = inbound;
            this.chunks = chunks;
        }

        @Override
        public void request(long n) {
            assertThat(n).isPositive();
            requested += n;
        }

        @Override
        public void cancel() {
            requested = 0;
            completed = true;
        }

        /** Delivers one requested chunk, or the end; false when nothing was requested. */
        boolean deliver() {
            if (requested == 0 || completed) {
                return false;
            }
            requested--;
            if (next < chunks.size()) {
                byte[] chunk = chunks.get(next++).clone();
                inbound.onNext(ByteBuffer.wrap(chunk));
                Arrays.fill(chunk, (byte) '"');
            } else {
                completed = true;
                inbound.onComplete();
            }
            return true;
        }

        int chunksLeft() {
            return completed || next == chunks.size() ? 0 : chunks.size() - next;
        }
    }

    private static final class Recorder implements MessageReader.Listener {
        final List<JsonNode> messages = new ArrayList<>();
        Throwable failure;
        int ends;

        @Override
        public void onMessage(JsonNode message) {
            assertThat(terminals()).as("a message after the end").isZero();
            messages.add(message);
        }

        @Override
        public void onEnd() {
            ends++;
        }

        @Override
        public void onFailure(Throwable failure) {
            assertThat(this.failure).as("a second failure").isNull();
            this.failure = failure;
        }

        int terminals() {
            return ends + (failure == null ? 0 : 1);
        }
    }
}
