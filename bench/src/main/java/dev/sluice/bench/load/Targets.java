package dev.sluice.bench.load;

import dev.sluice.bench.control.EchoServerHandle;
import dev.sluice.bench.control.RawEchoServer;
import dev.sluice.bench.sluice.SluiceEchoServer;
import dev.sluice.bench.sluice.SluiceStreamConnector;
import java.net.URI;
import java.util.Map;

/** Starts the server side and opens the client side of each Java echo target. */
public final class Targets {
    private Targets() {
    }

    public static EchoServerHandle startServer(TargetKind kind, int threads) throws Exception {
        switch (kind) {
            case WS:
                return RawEchoServer.start(false, threads);
            case WSS:
                return RawEchoServer.start(true, threads);
            case SLUICE:
                return SluiceEchoServer.start(threads);
            default:
                throw new IllegalArgumentException(kind.id() + " has no Java echo server (it runs under its own runtime)");
        }
    }

    /** A connector for {@code url}; {@code details} are what the server reported when ready. */
    public static EchoConnector connector(TargetKind kind, URI url, Map<String, String> details, int threads)
            throws Exception {
        if (kind == TargetKind.SLUICE) {
            return new SluiceStreamConnector(url, details, threads);
        }
        return new RawWebSocketConnector(url, threads);
    }
}
