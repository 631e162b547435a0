package dev.sluice.chaos.junit;

import dev.sluice.chaos.ChaosProxyServer;
import dev.sluice.chaos.ToxiproxyEndpoint;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a Toxiproxy server: an embedded {@link ChaosProxyServer} on a free
 * loopback port, or the real server named by {@code TOXIPROXY_URL} when that is set. Test and
 * lifecycle methods may declare parameters of type {@link ToxiproxyClient},
 * {@link ToxiproxyEndpoint} or {@link ChaosProxyServer} (the last only when embedded).
 *
 * <pre>{@code
 * @ExtendWith(ChaosProxyExtension.class)
 * class PaymentsTest {
 *     @Test
 *     void survivesLatency(ToxiproxyClient toxiproxy) throws IOException {
 *         Proxy db = toxiproxy.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
 *         db.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 500);
 *     }
 * }
 * }</pre>
 */
public final class ChaosProxyExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChaosProxyExtension.class);
    private static final String ENDPOINT = "endpoint";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(ENDPOINT, ToxiproxyEndpoint.resolve());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ToxiproxyEndpoint endpoint = context.getStore(NAMESPACE).remove(ENDPOINT, ToxiproxyEndpoint.class);
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ToxiproxyClient.class || type == ToxiproxyEndpoint.class || type == ChaosProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ToxiproxyEndpoint endpoint = context.getStore(NAMESPACE).get(ENDPOINT, ToxiproxyEndpoint.class);
        if (endpoint == null) {
            throw new ParameterResolutionException(
                    "no Toxiproxy server: register ChaosProxyExtension on the test class, not on a method");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == ToxiproxyClient.class) {
            return endpoint.client();
        }
        if (type == ToxiproxyEndpoint.class) {
            return endpoint;
        }
        return endpoint.server().orElseThrow(() -> new ParameterResolutionException(
                "TOXIPROXY_URL names an external server (" + endpoint.url()
                        + "); ask for a ToxiproxyClient or ToxiproxyEndpoint instead of a ChaosProxyServer"));
    }
}
