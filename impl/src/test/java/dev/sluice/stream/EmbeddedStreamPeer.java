package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A server multiplexer on an {@link EmbeddedChannel}, driven frame by frame by a scripted client
 * peer. The embedded loop runs every task inline on the calling thread, so each call returns with
 * all its effects done: a missing wake-up of the stream layer shows as a missing frame or an
 * incomplete future at once, never as a wait. Frames the multiplexer writes are read back as
 * short strings ("DATA 1 hi", "CREDIT 1 16", "FIN 1", "RESET 1 7", "STOP 1 0"), their buffers released.
 */
final class EmbeddedStreamPeer implements AutoCloseable {
    final StreamMultiplexer mux;
    final EmbeddedChannel channel;
    private final ArrayDeque<SluiceStream> accepted = new ArrayDeque<>();

    EmbeddedStreamPeer(StreamConfig config) {
        this(config, null);
    }

    /** @param handler gets each accepted stream after it is queued for {@link #open} (null: none) */
    EmbeddedStreamPeer(StreamConfig config, StreamHandler handler) {
        mux = new StreamMultiplexer(config, false, LocalMuxPair.TEST_INFO, (s, info) -> {
            accepted.add(s);
            if (handler != null) {
                handler.onStream(s, info);
            }
        });
        channel = new EmbeddedChannel(mux);
    }

    /** Makes the channel report itself unwritable (or writable again, which lets the multiplexer drain). */
    void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    /** The client opens stream {@code id} granting {@code window} bytes; returns the server's side of it. */
    SluiceStream open(int id, int window) {
        credit(id, window);
        SluiceStream s = accepted.poll();
        if (s == null) {
            throw new AssertionError("stream " + id + " was not accepted; frames out: " + frames());
        }
        frames(); // the server's opening CREDIT
        return s;
    }

    void credit(int id, int increment) {
        send(StreamFrame.credit(id, increment));
    }

    void data(int id, String ascii) {
        send(StreamFrame.data(id, Unpooled.copiedBuffer(ascii, StandardCharsets.US_ASCII)));
    }

    void data(int id, byte[] bytes) {
        send(StreamFrame.data(id, Unpooled.copiedBuffer(bytes)));
    }

    void fin(int id) {
        send(StreamFrame.fin(id));
    }

    void reset(int id, int code) {
        send(StreamFrame.reset(id, code));
    }

    void stop(int id, int code) {
        send(StreamFrame.stop(id, code));
    }

    private void send(StreamFrame frame) {
        try {
            channel.writeInbound(new BinaryWebSocketFrame(StreamProtocol.encode(channel.alloc(), frame)));
        } finally {
            frame.release();
        }
        channel.runPendingTasks();
    }

    /** Every frame written since the last call, in order. */
    List<String> frames() {
        channel.runPendingTasks();
        List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            try {
                if (msg instanceof BinaryWebSocketFrame binary) {
                    out.add(describe(binary));
                } else if (msg instanceof WebSocketFrame other) {
                    out.add(other.getClass().getSimpleName());
                } else {
                    out.add(String.valueOf(msg));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out;
    }

    private static String describe(BinaryWebSocketFrame binary) {
        StreamFrame f;
        try {
            f = StreamProtocol.decode(binary.content());
        } catch (StreamProtocolException e) {
            throw new AssertionError("the multiplexer wrote a malformed frame", e);
        }
        try {
            return switch (f.type()) {
                case DATA -> "DATA " + f.streamId() + " " + f.payload().toString(StandardCharsets.US_ASCII);
                case FIN -> "FIN " + f.streamId();
                default -> f.type() + " " + f.streamId() + " " + f.value();
            };
        } finally {
            f.release();
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    /** What {@code f} failed with (unwrapped from a CompletionException); asserts that it failed already. */
    static Throwable failureOf(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable e = f.handle((v, t) -> t).join();
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
