package dev.sluice.stream;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.defect.Defect;
import dev.sluice.defect.Defects;
import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open streams of one connection: opening local streams, accepting or refusing the peer's,
 * routing each inbound frame to its stream, and forgetting streams once closed. Event loop only,
 * except {@link #openCount()}.
 */
final class StreamTable {
    private static final Logger log = LoggerFactory.getLogger(StreamTable.class);

    private final StreamMultiplexer mux;
    private final StreamConfig config;
    private final ConnectionInfo info;
    private final StreamHandler handler;
    private final StreamIdSpace ids;
    private final Map<Integer, MuxStream> streams = new HashMap<>();
    /** Peer-opened streams accepted and not yet closed: what the concurrency limit counts. */
    private int acceptedPeerStreams;
    private volatile int openCount;

    StreamTable(StreamMultiplexer mux, StreamConfig config, boolean clientSide, ConnectionInfo info,
            StreamHandler handler) {
        this.mux = mux;
        this.config = config;
        this.info = info;
        this.handler = handler;
        this.ids = new StreamIdSpace(clientSide);
    }

    /** Opens a stream: the next local id, then the opening CREDIT granting this side's window. */
    MuxStream openLocal() {
        int id = ids.allocateLocal();
        if (id < 0) {
            throw new IllegalStateException("cannot open a stream: this connection's stream ids are exhausted");
        }
        MuxStream s = add(new MuxStream(id, true, mux, config, config.receiveWindow()));
        mux.writeControl(StreamFrame.credit(id, config.receiveWindow()));
        return s;
    }

    /**
     * Routes {@code frame} to its stream. A frame that opens the peer's next stream creates it, and
     * it is accepted (answered with this side's window, handed to the handler) unless
     * {@code refuseNew} or the concurrency limit says to refuse it with REFUSED.
     */
    void dispatch(StreamFrame frame, boolean refuseNew) throws StreamProtocolException {
        MuxStream s = streams.get(frame.streamId());
        boolean opened = false;
        if (s == null) {
            if (ids.classify(frame) == StreamIdSpace.Verdict.IGNORE) {
                return;
            }
            s = acceptOrRefuse(frame.streamId(), refuseNew);
            opened = true;
        }
        switch (frame.type()) {
            case DATA -> {
                if (!Defects.dropThisDataFrame()) {
                    s.receiver.onData(frame.payload());
                }
            }
            case CREDIT -> s.sender.onCredit(frame.value());
            case FIN -> s.receiver.onFin();
            case RESET -> {
                if (Defects.armed(Defect.LEAK_STREAM_ON_RESET)) {
                    remove(s);
                } else {
                    s.receiver.onReset(frame.value());
                }
            }
            case STOP -> s.sender.onStop(frame.value());
        }
        if (opened) {
            start(s);
        }
    }

    private MuxStream acceptOrRefuse(int id, boolean refuseNew) {
        boolean refuse = refuseNew || acceptedPeerStreams >= config.maxConcurrentStreams();
        // a refused stream is granted no window: DATA on it breaks flow control like any other
        MuxStream s = add(new MuxStream(id, false, mux, config, refuse ? 0 : config.receiveWindow()));
        if (refuse) {
            s.refused = true;
        } else {
            acceptedPeerStreams++;
            mux.writeControl(StreamFrame.credit(id, config.receiveWindow()));
        }
        return s;
    }

    private void start(MuxStream s) {
        if (s.refused) {
            abortBothWays(s, StreamProtocol.REFUSED);
            return;
        }
        try {
            handler.onStream(s, info);
        } catch (RuntimeException e) {
            log.warn("the stream handler threw on stream {}; aborting the stream", s.id(), e);
            abortBothWays(s, StreamProtocol.HANDLER_FAILED);
        }
    }

    private static void abortBothWays(MuxStream s, int code) {
        s.sender.abort(code, new StreamResetException(s.id(), code, false));
        s.receiver.cancel(code);
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
        List<MuxStream> all = new ArrayList<>(streams.values());
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
