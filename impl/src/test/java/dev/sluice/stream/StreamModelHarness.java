package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.LocalViolation;
import dev.sluice.protocol.FrameType;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One stream of a real multiplexer (in an EmbeddedChannel, server side) driven by a test peer
 * that sends raw frames, next to a small reference model of what must happen. Each step applies
 * an action to both, then {@link #pump()} checks every frame the multiplexer wrote against the
 * model, and {@link #checkInvariants()} the properties that hold after any sequence.
 */
final class StreamModelHarness implements Flow.Subscriber<ByteBuffer> {
    static final int WINDOW = 64;
    static final int PEER_WINDOW = 100;
    private static final int ID = 1;

    private record PendingWrite(long end, CompletableFuture<Void> done) {
    }

    private final CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
    private final StreamMultiplexer mux;
    final EmbeddedChannel channel;
    final SluiceStream stream;
    private Flow.Subscription subscription;

    // model of this side's sending direction
    long written;
    long sentOut;
    long creditFromPeer = PEER_WINDOW;
    boolean closeWriteCalled;
    boolean finOut;
    boolean resetOut;
    Integer expectedResetCode;
    final List<PendingWrite> writes = new ArrayList<>();
    // model of this side's receiving direction
    long peerSent;
    long delivered;
    long grantedToPeer;
    boolean openingCreditSeen;
    boolean peerFin;
    boolean peerReset;
    boolean cancelled;
    boolean stopOut;
    boolean completed;
    Throwable readError;
    long demand;
    // the connection
    Integer expectedCloseCode;
    boolean dead;

    StreamModelHarness(StreamHooks hooks) {
        mux = new StreamMultiplexer(StreamConfig.builder().receiveWindow(WINDOW).maxReceiveWindow(WINDOW)
                .maxDataFrameBytes(40).hooks(hooks).build(), false, LocalMuxPair.TEST_INFO, (s, info) -> accepted.complete(s));
        channel = new EmbeddedChannel(mux);
        sendPeer(StreamFrame.credit(ID, PEER_WINDOW));
        stream = accepted.getNow(null);
        assertThat(stream).as("the handler got the stream").isNotNull();
        stream.reads().subscribe(this);
        pump();
    }

    static byte localByte(long offset) {
        return (byte) (offset * 31 + 7);
    }

    static byte peerByte(long offset) {
        return (byte) (offset * 17 + 3);
    }

    long peerCreditAvailable() {
        return WINDOW + grantedToPeer - peerSent;
    }

    boolean peerEnded() {
        return peerFin || peerReset;
    }

    boolean streamClosed() {
        boolean sendDone = finOut || resetOut;
        boolean recvDone = (cancelled && peerEnded()) || completed || (peerReset && readError != null);
        return sendDone && recvDone;
    }

    // ---- peer actions

    void peerData(int n, Integer expectViolation) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = peerByte(peerSent + i);
        }
        if (expectViolation == null) {
            peerSent += n;
        }
        expectedCloseCode = expectViolation;
        sendPeer(StreamFrame.data(ID, Unpooled.wrappedBuffer(data)));
    }

    void peerCredit(int n) {
        if (!finOut && !resetOut) {
            creditFromPeer += n;
        }
        sendPeer(StreamFrame.credit(ID, n));
    }

    void peerFin() {
        peerFin = true;
        sendPeer(StreamFrame.fin(ID));
    }

    void peerReset(int code) {
        peerReset = true;
        sendPeer(StreamFrame.reset(ID, code));
    }

    void peerStop(int code) {
        if (!finOut && !resetOut) {
            expectedResetCode = code;
        }
        sendPeer(StreamFrame.stop(ID, code));
    }

    void peerFrameAfterEnd(FrameType type) {
        expectedCloseCode = streamClosed() ? 4006 : 4005;
        sendPeer(type == FrameType.DATA ? StreamFrame.data(ID, Unpooled.wrappedBuffer(new byte[] {1}))
                : type == FrameType.FIN ? StreamFrame.fin(ID) : StreamFrame.reset(ID, 9));
    }

    private void sendPeer(StreamFrame frame) {
        channel.writeInbound(new BinaryWebSocketFrame(StreamProtocol.encode(channel.alloc(), frame)));
        frame.release();
        pump();
    }

    // ---- application actions

    void appWrite(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = localByte(written + i);
        }
        boolean accepted = !dead && !closeWriteCalled && !resetOut;
        CompletableFuture<Void> done = stream.write(ByteBuffer.wrap(data)).toCompletableFuture();
        if (accepted) {
            written += n;
            writes.add(new PendingWrite(written, done));
        } else {
            assertThat(done).as("a write after the write side ended fails at once").isCompletedExceptionally();
        }
        pump();
    }

    void appCloseWrite() {
        closeWriteCalled = true;
        stream.closeWrite();
        pump();
    }

    void appAbortWrite(int code) {
        if (!dead && !finOut && !resetOut) {
            expectedResetCode = code;
        }
        stream.abortWrite(code);
        pump();
    }

    void appCancelRead(int code) {
        boolean recvTerminal = completed || readError != null;
        if (!dead && !cancelled && !recvTerminal) {
            cancelled = true;
        }
        stream.cancelRead(code);
        pump();
    }

    void appRequest(int n) {
        demand += n;
        subscription.request(n);
        pump();
    }

    // ---- what the multiplexer wrote

    void pump() {
        channel.runPendingTasks();
        Object out;
        while ((out = channel.readOutbound()) != null) {
            if (out instanceof LocalViolation violation) {
                int code = violation.code();
                assertThat(dead).as("one close frame only").isFalse();
                assertThat(code).as("close code").isEqualTo(expectedCloseCode);
                dead = true;
                continue;
            }
            BinaryWebSocketFrame binary = (BinaryWebSocketFrame) out;
            try {
                check(StreamProtocol.decode(binary.content()));
            } catch (StreamProtocolException e) {
                throw new AssertionError("the multiplexer wrote a malformed frame: " + e.getMessage());
            } finally {
                binary.release();
            }
        }
        if (expectedCloseCode != null) {
            assertThat(dead).as("violation %d reported with a close frame", expectedCloseCode).isTrue();
        }
    }

    private void check(StreamFrame frame) {
        try {
            assertThat(dead).as("nothing after the close frame: %s", frame).isFalse();
            assertThat(frame.streamId()).isEqualTo(ID);
            switch (frame.type()) {
                case DATA -> {
                    int n = frame.payload().readableBytes();
                    assertThat(finOut || resetOut).as("DATA after FIN or RESET").isFalse();
                    assertThat(sentOut + n).as("DATA within the peer's credit").isLessThanOrEqualTo(creditFromPeer);
                    for (int i = 0; i < n; i++) {
                        assertThat(frame.payload().getByte(frame.payload().readerIndex() + i))
                                .as("byte %d sent in order, once", sentOut + i).isEqualTo(localByte(sentOut + i));
                    }
                    sentOut += n;
                    assertThat(sentOut).isLessThanOrEqualTo(written);
                }
                case FIN -> {
                    assertThat(closeWriteCalled && !finOut && !resetOut).as("FIN once, after closeWrite").isTrue();
                    assertThat(sentOut).as("FIN after every written byte").isEqualTo(written);
                    finOut = true;
                }
                case RESET -> {
                    assertThat(finOut || resetOut).as("RESET after the direction ended").isFalse();
                    assertThat(frame.value()).isEqualTo(expectedResetCode);
                    resetOut = true;
                }
                case CREDIT -> {
                    if (!openingCreditSeen) {
                        openingCreditSeen = true;
                        assertThat(frame.value()).as("the accept answers with the whole window").isEqualTo(WINDOW);
                        return;
                    }
                    grantedToPeer += frame.value();
                    assertThat(grantedToPeer).as("credit granted only for consumed bytes").isLessThanOrEqualTo(delivered);
                }
                case STOP -> {
                    assertThat(cancelled && !stopOut && !peerEnded()).as("STOP once, after cancelRead").isTrue();
                    stopOut = true;
                }
            }
        } finally {
            frame.release();
        }
    }

    void checkInvariants() {
        long available = peerCreditAvailable();
        assertThat(available).as("peer credit never negative").isGreaterThanOrEqualTo(0);
        assertThat(available).as("peer credit never above the window").isLessThanOrEqualTo(WINDOW);
        assertThat(peerSent - delivered).as("buffered within the window").isLessThanOrEqualTo(WINDOW);
        if (dead) {
            return;
        }
        if (!finOut && !resetOut) {
            long sendable = Math.min(written, creditFromPeer) - sentOut;
            assertThat(sendable).as("no stall: credit and data both available but not sent").isZero();
        }
        for (PendingWrite w : writes) {
            if (w.done().isDone() && !w.done().isCompletedExceptionally()) {
                assertThat(w.end()).as("a write completes only once its bytes are sent").isLessThanOrEqualTo(sentOut);
            }
            if (resetOut && w.end() > sentOut) {
                assertThat(w.done()).as("writes cut by a RESET fail").isCompletedExceptionally();
            }
            if (!resetOut && w.end() <= sentOut) {
                assertThat(w.done()).as("sent writes complete").isCompleted();
            }
        }
        if (peerReset && !cancelled) {
            assertThat(readError).as("a peer RESET reaches the reader").isInstanceOf(StreamResetException.class);
        }
        if (!cancelled && readError == null && demand > 0) {
            assertThat(delivered).as("no stall: demand and buffered data both present").isEqualTo(peerSent);
        }
        if (completed) {
            assertThat(peerFin && delivered == peerSent).as("end only after FIN and every byte").isTrue();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(ByteBuffer item) {
        assertThat(cancelled || completed || readError != null).as("no data after cancel or end").isFalse();
        while (item.hasRemaining()) {
            assertThat(item.get()).as("byte %d delivered in order, once", delivered).isEqualTo(peerByte(delivered));
            delivered++;
        }
        demand--;
    }

    @Override
    public void onError(Throwable t) {
        assertThat(completed || readError != null).as("one terminal signal").isFalse();
        readError = t;
    }

    @Override
    public void onComplete() {
        assertThat(completed || readError != null).as("one terminal signal").isFalse();
        completed = true;
    }

    void close() {
        channel.finishAndReleaseAll();
    }

    @Override
    public String toString() {
        return "written=" + written + " sent=" + sentOut + " credit=" + creditFromPeer + " peerSent=" + peerSent
                + " delivered=" + delivered + " granted=" + grantedToPeer + (dead ? " DEAD" : "");
    }
}
