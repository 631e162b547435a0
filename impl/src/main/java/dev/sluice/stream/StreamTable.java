package dev.sluice.stream;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.protocol.FrameType;
import dev.sluice.protocol.FrameVisitor;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open streams of one connection: opening local streams, accepting or refusing the peer's,
 * routing each inbound frame to its stream, and forgetting streams once closed. Event loop only,
 * except {@link #openCount()}.
 */
final class StreamTable implements FrameVisitor {
    private static final Logger log = LoggerFactory.getLogger(StreamTable.class);

    private final StreamConfig config;
    private final ConnectionInfo info;
    private final StreamHandler handler;
    private final StreamIdSpace ids;
    private final StreamIdMap<MuxStream> streams = new StreamIdMap<>();
    private StreamContext context;
    /** Peer-opened streams accepted and not yet closed: what the concurrency limit counts. */
    private int acceptedPeerStreams;
    /** The session is stopping: new peer streams are refused, and no local stream opens. */
    private boolean stopping;
    private volatile int openCount;

    StreamTable(StreamConfig config, boolean clientSide, ConnectionInfo info, StreamHandler handler) {
        this.config = config;
        this.info = info;
        this.handler = handler;
        this.ids = new StreamIdSpace(clientSide);
    }

    void attach(StreamContext streamContext) {
        this.context = streamContext;
    }

    /** From now on new peer streams are refused and local ones do not open. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Opens a stream: the next local id, then the opening CREDIT granting this side's window.
     *
     * @throws IllegalStateException when the session is stopping or the ids are exhausted
     */
    MuxStream openLocal() {
        if (stopping) {
            throw new IllegalStateException("cannot open a stream: the session is stopping");
        }
        int id = ids.allocateLocal();
        if (id < 0) {
            throw new IllegalStateException("cannot open a stream: this connection's stream ids are exhausted");
        }
        MuxStream s = add(new MuxStream(id, true, context, config.receiveWindow()));
        context.sink().credit(id, config.receiveWindow());
        return s;
    }

    /** A DATA frame: its stream takes {@code payload}'s reference (released here when no stream takes it). */
    @Override
    public void data(int streamId, ByteBuf payload) throws StreamProtocolException {
        MuxStream s;
        try {
            s = streamFor(FrameType.DATA, streamId);
        } catch (StreamProtocolException e) {
            payload.release();
            throw e;
        }
        if (s == null || config.hooks().dropInboundData(streamId, payload)) {
            payload.release();
            return;
        }
        s.onData(payload);
    }

    @Override
    public void control(FrameType type, int streamId, int value) throws StreamProtocolException {
        MuxStream s = streams.get(streamId);
        boolean opened = false;
        if (s == null) {
            s = streamFor(type, streamId);
            if (s == null) {
                return;
            }
            opened = true;
        }
        switch (type) {
            case CREDIT -> s.onCredit(value);
            case FIN -> s.onFin();
            case RESET -> {
                if (config.hooks().endReaderOnReset(streamId)) {
                    s.onReset(value);
                } else {
                    s.forget();
                }
            }
            case STOP -> s.onStop(value);
            default -> throw new IllegalArgumentException("not a control frame: " + type);
        }
        if (opened) {
            start(s);
        }
    }

    /**
     * The open stream a frame is for; for the peer's next id, the stream it opens (accepted, or
     * refused with REFUSED when the session is stopping or the concurrency limit says so); null for
     * a late frame on a closed stream that is harmless (CREDIT, STOP).
     */
    private MuxStream streamFor(FrameType type, int streamId) throws StreamProtocolException {
        MuxStream s = streams.get(streamId);
        if (s != null) {
            return s;
        }
        if (ids.classify(type, streamId) == StreamIdSpace.Verdict.IGNORE) {
            return null;
        }
        return acceptOrRefuse(streamId);
    }

    private MuxStream acceptOrRefuse(int id) {
        boolean refuse = stopping || acceptedPeerStreams >= config.maxConcurrentStreams();
        // a refused stream is granted no window: DATA on it breaks flow control like any other
        MuxStream s = add(new MuxStream(id, false, context, refuse ? 0 : config.receiveWindow()));
        if (!refuse) {
            acceptedPeerStreams++;
            context.sink().credit(id, config.receiveWindow());
        }
        return s;
    }

    private void start(MuxStream s) {
        if (s.refused) {
            s.abortBothWays(StreamProtocol.REFUSED);
            return;
        }
        try {
            handler.onStream(s, info);
        } catch (RuntimeException e) {
            log.warn("the stream handler threw on stream {}; aborting the stream", s.id(), e);
            s.abortBothWays(StreamProtocol.HANDLER_FAILED);
        }
    }

    private MuxStream add(MuxStream s) {
        streams.put(s.id(), s);
        openCount = streams.size();
        return s;
    }

    /** Forgets a closed stream. */
    void remove(MuxStream s) {
        if (streams.remove(s.id()) != null) {
            openCount = streams.size();
            if (!s.isLocal() && !s.refused) {
                acceptedPeerStreams--;
            }
        }
    }

    /** Forgets every stream and returns them (the connection ended). */
    List<MuxStream> removeAll() {
        List<MuxStream> all = streams.values();
        streams.clear();
        acceptedPeerStreams = 0;
        openCount = 0;
        return all;
    }

    boolean isEmpty() {
        return streams.isEmpty();
    }

    int size() {
        return streams.size();
    }

    /** Streams not yet closed; any thread. */
    int openCount() {
        return openCount;
    }
}
