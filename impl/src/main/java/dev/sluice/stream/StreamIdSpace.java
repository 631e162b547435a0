package dev.sluice.stream;

import dev.sluice.protocol.FrameType;
import dev.sluice.protocol.StreamCloseCode;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;

/**
 * Which ids each side has opened, and what a frame for a stream that is not open means. Ids of a
 * side are opened in increasing order without gaps (client 1, 3, 5...; server 2, 4, 6...), so an
 * id below the next one that is not open was closed, and is never reused. Event loop only.
 */
final class StreamIdSpace {
    /** What to do with a frame for a stream that is not in the table. */
    enum Verdict {
        /** The frame opens the peer's next stream. */
        OPEN,
        /** A late CREDIT or STOP for a stream this side already closed: harmless, ignored. */
        IGNORE
    }

    private final boolean clientSide;
    private long nextLocalId;
    private long nextPeerId;

    StreamIdSpace(boolean clientSide) {
        this.clientSide = clientSide;
        this.nextLocalId = clientSide ? StreamProtocol.FIRST_CLIENT_STREAM_ID : StreamProtocol.FIRST_SERVER_STREAM_ID;
        this.nextPeerId = clientSide ? StreamProtocol.FIRST_SERVER_STREAM_ID : StreamProtocol.FIRST_CLIENT_STREAM_ID;
    }

    /** The next id for a stream this side opens, or -1 when the id space is exhausted. */
    int allocateLocal() {
        if (nextLocalId > StreamProtocol.MAX_STREAM_ID) {
            return -1;
        }
        int id = (int) nextLocalId;
        nextLocalId += 2;
        return id;
    }

    /** Classifies a frame whose stream is not open; throws for every violation. */
    Verdict classify(FrameType type, int id) throws StreamProtocolException {
        boolean peerSpace = StreamProtocol.isClientId(id) != clientSide;
        if (!peerSpace) {
            if (id >= nextLocalId) {
                throw new StreamProtocolException(StreamCloseCode.UNOPENED_LOCAL_ID, type + " for stream "
                        + id + ", which is in this side's id space (" + side(!clientSide) + "'s ids are "
                        + parity(!clientSide) + ") but was never opened here");
            }
            return closed(type, id);
        }
        if (id < nextPeerId) {
            return closed(type, id);
        }
        if (id > nextPeerId) {
            throw new StreamProtocolException(StreamCloseCode.ID_OUT_OF_ORDER, type + " opens stream " + id
                    + " but the next id the " + side(clientSide) + " may open is " + nextPeerId);
        }
        if (type != FrameType.CREDIT) {
            throw new StreamProtocolException(StreamCloseCode.OPENED_WITHOUT_CREDIT, "stream " + id + " opened by "
                    + type + "; a stream's first frame must be the CREDIT granting the opener's window");
        }
        nextPeerId += 2;
        return Verdict.OPEN;
    }

    private Verdict closed(FrameType type, int id) throws StreamProtocolException {
        if (type == FrameType.CREDIT || type == FrameType.STOP) {
            return Verdict.IGNORE;
        }
        throw new StreamProtocolException(StreamCloseCode.ID_REUSED, type + " for stream "
                + id + ", which is closed; stream ids are never reused");
    }

    /** "client" or "server" for the side whose ids are odd (client) or even. */
    private static String side(boolean server) {
        return server ? "server" : "client";
    }

    private static String parity(boolean server) {
        return server ? "even" : "odd";
    }
}
