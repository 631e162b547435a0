package dev.sluice.rpc;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamHandler;
import java.nio.ByteBuffer;

/**
 * Serves an {@link RpcService} on the streams a peer opens: a stream whose first byte is
 * {@link RpcCodes#STREAM_MARKER} is a call; any other stream goes to the fallback handler (with its
 * first bytes replayed), or is aborted with {@link RpcCodes#ABORT_NOT_RPC} when there is none.
 *
 * <pre>{@code
 * RpcServer rpc = RpcServer.builder(service).fallback(EchoHandler.INSTANCE).build();
 * ServerConfig.builder()....streamHandler(rpc, StreamConfig.defaults())
 * }</pre>
 */
public final class RpcServer implements StreamHandler {
    private final RpcService service;
    private final RpcLimits limits;
    private final StreamHandler fallback;

    private RpcServer(Builder b) {
        this.service = b.service;
        this.limits = b.limits;
        this.fallback = b.fallback;
    }

    public static Builder builder(RpcService service) {
        return new Builder(service);
    }

    @Override
    public void onStream(SluiceStream stream, ConnectionInfo connection) {
        Inbound inbound = new Inbound(null);
        inbound.consumer(new MarkerCheck(stream, connection, inbound));
        stream.reads().subscribe(inbound);
        inbound.request(1);
    }

    /** Looks at the first byte of a stream and hands the stream to a call or to the fallback. */
    private final class MarkerCheck implements Inbound.Consumer {
        private final SluiceStream stream;
        private final ConnectionInfo connection;
        private final Inbound inbound;

        MarkerCheck(SluiceStream stream, ConnectionInfo connection, Inbound inbound) {
            this.stream = stream;
            this.connection = connection;
            this.inbound = inbound;
        }

        @Override
        public void onChunk(ByteBuffer chunk) {
            if (!chunk.hasRemaining()) {
                inbound.request(1);
            } else if (chunk.get(chunk.position()) == RpcCodes.STREAM_MARKER) {
                new ServerCall(stream, connection, service, limits, inbound)
                        .start(chunk.duplicate().position(chunk.position() + 1));
            } else {
                ByteBuffer copy = ByteBuffer.allocate(chunk.remaining()).put(chunk.duplicate()).flip();
                toFallback(new ReplayStream(stream, inbound, copy));
            }
        }

        @Override
        public void onEnd() {
            toFallback(new ReplayStream(stream, inbound, null)).onEnd();
        }

        @Override
        public void onFailure(Throwable failure) {
            toFallback(new ReplayStream(stream, inbound, null)).onFailure(failure);
        }

        private ReplayStream toFallback(ReplayStream replay) {
            if (fallback == null) {
                stream.abortWrite(RpcCodes.ABORT_NOT_RPC);
                stream.cancelRead(RpcCodes.ABORT_NOT_RPC);
                return replay;
            }
            try {
                fallback.onStream(replay, connection);
            } catch (RuntimeException e) {
                stream.abortWrite(StreamProtocol.HANDLER_FAILED);
                stream.cancelRead(StreamProtocol.HANDLER_FAILED);
            }
            return replay;
        }
    }

    public static final class Builder {
        private final RpcService service;
        private RpcLimits limits = RpcLimits.defaults();
        private StreamHandler fallback;

        private Builder(RpcService service) {
            if (service == null) {
                throw new IllegalArgumentException("an RpcServer needs a service");
            }
            this.service = service;
        }

        public Builder limits(RpcLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Where streams that do not start with the RPC marker go (e.g. a byte echo); by default they are aborted. */
        public Builder fallback(StreamHandler fallback) {
            this.fallback = fallback;
            return this;
        }

        public RpcServer build() {
            return new RpcServer(this);
        }
    }
}
