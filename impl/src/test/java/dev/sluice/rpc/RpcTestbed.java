package dev.sluice.rpc;

import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.EchoHandler;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamSession;
import dev.sluice.stream.Streams;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A server serving {@code service} (byte echo for other streams) and an RpcClient on one connection, over loopback TLS. */
final class RpcTestbed {
    static final NodeIdentity IDENTITY = NodeIdentity.generate();

    final SluiceServer server;
    final StreamSession session;
    final RpcClient client;

    private RpcTestbed(SluiceServer server, StreamSession session, RpcClient client) {
        this.server = server;
        this.session = session;
        this.client = client;
    }

    static RpcTestbed start(LoopbackFixture net, RpcService service, RpcLimits limits, StreamConfig streams,
            Duration defaultTimeout) throws Exception {
        RpcServer rpc = RpcServer.builder(service).limits(limits).fallback(EchoHandler.INSTANCE).build();
        SluiceServer server = net.startServer(IDENTITY, TlsProvider.AUTO, null, b -> b.streamHandler(rpc, streams));
        SluiceClient sluice = net.startClient(TlsProvider.AUTO, null, b -> b.streams(streams));
        StreamSession session = Streams.session(
                sluice.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS));
        return new RpcTestbed(server, session, RpcClient.builder(session).defaultTimeout(defaultTimeout).build());
    }

    static RpcTestbed start(LoopbackFixture net, RpcService service) throws Exception {
        return start(net, service, RpcLimits.defaults(), StreamConfig.defaults(), Duration.ofSeconds(10));
    }
}
