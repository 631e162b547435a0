package dev.sluice.testsupport;

import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.tls.TlsProvider;
import java.time.Duration;

/** Test configurations with short timeouts, on shared event loops, over loopback. */
public final class Loopback {
    /** Short enough that timeout tests stay fast, long enough for a busy machine. */
    public static final ConnectionConfig FAST = ConnectionConfig.builder()
            .keepAliveInterval(Duration.ofSeconds(5))
            .keepAliveTimeout(Duration.ofSeconds(20))
            .closeTimeout(Duration.ofSeconds(2))
            .build();

    private Loopback() {
    }

    public static ServerConfig.Builder server(SharedEventLoops loops, NodeIdentity identity, TlsProvider provider,
            ApplicationHandlerFactory application) {
        return ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .identity(identity)
                .tlsProvider(provider)
                .connection(FAST)
                .stopDeadline(Duration.ofSeconds(2))
                .applicationHandler(application)
                .eventLoopGroups(loops.boss, loops.workers, loops.transport);
    }

    public static ClientConfig.Builder client(SharedEventLoops loops, TlsProvider provider,
            ApplicationHandlerFactory application) {
        return ClientConfig.builder()
                .tlsProvider(provider)
                .connectTimeout(Duration.ofSeconds(5))
                .connection(FAST)
                .applicationHandler(application)
                .eventLoopGroup(loops.workers, loops.transport);
    }

    public static SluiceClient newClient(SharedEventLoops loops, TlsProvider provider, ApplicationHandlerFactory application) {
        return SluiceClient.create(client(loops, provider, application).build());
    }
}
