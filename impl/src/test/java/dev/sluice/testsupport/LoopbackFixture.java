package dev.sluice.testsupport;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.ClientConfig;
import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.tls.TlsProvider;
import io.netty.util.ResourceLeakDetector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server and a client over loopback TLS, with {@link Loopback}'s settings, for the tests of one
 * class. Register it on a static field with {@code @RegisterExtension}: the event loops are shared
 * by the class's tests; whatever a test started is stopped after that test (client closed, server
 * stopped at once), and the event loops after the class.
 */
public final class LoopbackFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final boolean simpleLeakDetection;
    private ResourceLeakDetector.Level previousLeakLevel;
    private SharedEventLoops loops;
    private SluiceServer server;
    private SluiceClient client;

    public LoopbackFixture() {
        this(false);
    }

    private LoopbackFixture(boolean simpleLeakDetection) {
        this.simpleLeakDetection = simpleLeakDetection;
    }

    /**
     * For classes that move megabytes: the paranoid leak detector records a stack trace per few
     * bytes masked, which makes them take minutes; the simple one still reports leaks.
     */
    public static LoopbackFixture withSimpleLeakDetection() {
        return new LoopbackFixture(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (simpleLeakDetection) {
            previousLeakLevel = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        }
        loops = new SharedEventLoops();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            client = null;
            if (server != null) {
                SluiceServer started = server;
                server = null;
                started.stopNow();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        loops.close();
        if (previousLeakLevel != null) {
            ResourceLeakDetector.setLevel(previousLeakLevel);
        }
    }

    public SharedEventLoops loops() {
        return loops;
    }

    /** Starts this test's server; {@code custom} changes the loopback settings. */
    public SluiceServer startServer(NodeIdentity identity, TlsProvider provider, ApplicationHandlerFactory application,
            UnaryOperator<ServerConfig.Builder> custom) throws Exception {
        if (server != null) {
            throw new IllegalStateException("this test already started a server");
        }
        server = SluiceServer.start(custom.apply(Loopback.server(loops, identity, provider, application)).build());
        return server;
    }

    public SluiceServer startServer(NodeIdentity identity, TlsProvider provider, ApplicationHandlerFactory application)
            throws Exception {
        return startServer(identity, provider, application, UnaryOperator.identity());
    }

    /** Creates this test's client; {@code custom} changes the loopback settings. */
    public SluiceClient startClient(TlsProvider provider, ApplicationHandlerFactory application,
            UnaryOperator<ClientConfig.Builder> custom) {
        if (client != null) {
            throw new IllegalStateException("this test already created a client");
        }
        client = SluiceClient.create(custom.apply(Loopback.client(loops, provider, application)).build());
        return client;
    }

    public SluiceClient startClient(TlsProvider provider, ApplicationHandlerFactory application) {
        return startClient(provider, application, UnaryOperator.identity());
    }
}
