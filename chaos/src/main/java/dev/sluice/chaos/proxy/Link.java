package dev.sluice.chaos.proxy;

import dev.sluice.chaos.random.DecisionListener;
import dev.sluice.chaos.random.DecisionSource;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One direction of a proxied connection: bytes read from {@code source} pass through a chain of
 * toxic stages, in the order the toxics were added, and are written to {@code receiver}.
 *
 * <p>Back-pressure: every byte read counts as pending until it is written to the receiving socket
 * or dropped by a toxic. Above the high-water mark the source stops reading (auto-read off);
 * below the low-water mark it reads again. So a slow receiver or a toxic holding data never
 * makes the proxy buffer without bound.
 *
 * <p>The link counts the bytes it reads from its source and those it has written to its receiver
 * (Toxiproxy's received and sent bytes), per chunk, without allocating.
 *
 * <p>Every field is touched only on the connection's event loop.
 */
final class Link {
    private final ProxyConnection connection;
    private final Stream stream;
    private final Channel source;
    private final Channel receiver;
    private final String scope;
    private final long seed;
    private final DecisionListener decisions;
    private final long highWaterBytes;
    private final long lowWaterBytes;
    private final ByteCounter received;
    private final ByteCounter sent;
    private final List<Stage> stages = new ArrayList<>();
    /** How many times each toxic name started on this link, so each start draws fresh choices. */
    private final Map<String, Integer> starts = new HashMap<>();
    private long pendingBytes;
    private boolean readingPaused;
    /** True between a socket read and the end of its read batch: writes wait for one flush then. */
    private boolean inReadBatch;
    private boolean flushPending;
    private boolean disposed;

    Link(ProxyConnection connection, Stream stream, Channel source, Channel receiver, LinkSettings settings,
            TrafficMeter.LinkCounters counters) {
        this.connection = connection;
        this.stream = stream;
        this.source = source;
        this.receiver = receiver;
        this.scope = settings.scope() + "/" + stream.apiName() + "/";
        this.seed = settings.seed();
        this.decisions = settings.decisions();
        this.highWaterBytes = settings.highWaterBytes();
        this.lowWaterBytes = settings.lowWaterBytes();
        this.received = counters.received();
        this.sent = counters.sent();
    }

    Stream stream() {
        return stream;
    }

    ProxyConnection connection() {
        return connection;
    }

    EventLoop eventLoop() {
        return source.eventLoop();
    }

    void addToxic(ToxicSpec spec) {
        if (disposed || indexOf(spec.name()) >= 0) {
            return;
        }
        Stage stage = newStage(spec);
        stages.add(stage);
        stage.start();
    }

    void replaceToxic(ToxicSpec spec) {
        int index = indexOf(spec.name());
        if (disposed || index < 0) {
            return;
        }
        Stage previous = stages.get(index);
        previous.remove();
        if (disposed) {
            return;
        }
        Stage stage = newStage(spec);
        stages.set(index, stage);
        stage.startReplacing(previous);
    }

    void removeToxic(String name) {
        int index = indexOf(name);
        if (index < 0) {
            return;
        }
        Stage stage = stages.get(index);
        stage.remove();
        stages.remove(stage);
    }

    private Stage newStage(ToxicSpec spec) {
        int start = starts.merge(spec.name(), 1, Integer::sum);
        String stageScope = scope + spec.name() + "@" + start;
        return new Stage(this, spec, new DecisionSource(seed, stageScope, decisions));
    }

    private int indexOf(String name) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).spec().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes read from the source socket. */
    void onRead(ByteBuf data) {
        if (disposed) {
            data.release();
            return;
        }
        inReadBatch = true;
        int length = data.readableBytes();
        received.add(length);
        pendingBytes += length;
        if (pendingBytes > highWaterBytes && !readingPaused) {
            readingPaused = true;
            source.config().setAutoRead(false);
        }
        deliverTo(0, data);
    }

    /** The source socket finished a batch of reads: one flush covers what the batch passed straight through. */
    void onReadComplete() {
        inReadBatch = false;
        if (flushPending) {
            flushPending = false;
            receiver.flush();
        }
    }

    /** The source socket reached end of stream. */
    void onSourceEnd() {
        if (disposed) {
            return;
        }
        if (stages.isEmpty()) {
            connection.closeAfterFlush(receiver);
        } else {
            stages.get(0).receiveEnd();
        }
    }

    void deliverAfter(Stage stage, ByteBuf data) {
        int index = stages.indexOf(stage);
        if (index < 0) {
            discard(data);
        } else {
            deliverTo(index + 1, data);
        }
    }

    void endAfter(Stage stage) {
        int index = stages.indexOf(stage);
        if (index >= 0 && index + 1 < stages.size()) {
            stages.get(index + 1).receiveEnd();
        } else if (index >= 0 && !disposed) {
            connection.closeAfterFlush(receiver);
        }
    }

    private void deliverTo(int index, ByteBuf data) {
        if (index < stages.size()) {
            stages.get(index).receive(data);
        } else {
            write(data);
        }
    }

    private void write(ByteBuf data) {
        if (disposed) {
            discard(data);
            return;
        }
        int length = data.readableBytes();
        receiver.write(data).addListener(future -> {
            if (future.isSuccess()) {
                sent.add(length);
            }
            settled(length);
        });
        if (inReadBatch) {
            flushPending = true;
        } else {
            receiver.flush();
        }
    }

    void discard(ByteBuf data) {
        int length = data.readableBytes();
        data.release();
        settled(length);
    }

    private void settled(int length) {
        pendingBytes -= length;
        if (readingPaused && pendingBytes <= lowWaterBytes) {
            readingPaused = false;
            source.config().setAutoRead(true);
        }
    }

    void shutdownReceiver() {
        if (receiver instanceof SocketChannel socket && socket.isActive()) {
            socket.shutdownOutput();
        }
    }

    /** The connection closes: every stage gives up what it holds; nothing more is written. */
    void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        for (Stage stage : List.copyOf(stages)) {
            stage.remove();
        }
        stages.clear();
    }
}
