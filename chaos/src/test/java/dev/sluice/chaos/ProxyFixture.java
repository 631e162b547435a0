package dev.sluice.chaos;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;

/** An embedded server with one proxy in front of a loopback server; closes everything. */
final class ProxyFixture implements AutoCloseable {
    final LoopbackServer upstream;
    final ChaosProxyServer server;
    final Proxy proxy;

    ProxyFixture(LoopbackServer upstream, ChaosConfig config) throws IOException {
        this.upstream = upstream;
        this.server = ChaosProxyServer.start(config);
        this.proxy = server.client().createProxy("test", "127.0.0.1:0", upstream.address());
    }

    static ProxyFixture echo() throws IOException {
        return new ProxyFixture(LoopbackServer.echo(), ChaosConfig.ephemeral());
    }

    TestClient connect() throws IOException {
        return new TestClient(proxy.getListen());
    }

    /** A client whose first round trip has completed, so the proxied connection is fully set up. */
    TestClient connectWarm() throws IOException {
        TestClient client = connect();
        client.send("w");
        client.readExactly(1);
        return client;
    }

    @Override
    public void close() throws IOException {
        server.stop();
        upstream.close();
    }
}
