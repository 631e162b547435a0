package dev.sluice.chaos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.chaos.proxy.ManagedProxy;
import dev.sluice.chaos.proxy.ProxyChangeException;
import dev.sluice.chaos.proxy.ProxyRuntime;
import dev.sluice.chaos.proxy.ToxicSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations behind each endpoint of the Toxiproxy HTTP API, independent of HTTP. Proxies are
 * kept by name, sorted; the map is guarded by {@code this}, each proxy guards its own state.
 */
public final class ToxiproxyApi {
    /** The version reported by {@code GET /version}: the Toxiproxy API level this server follows. */
    public static final String VERSION = "2.12.0-sluice";

    private static final Logger LOG = LoggerFactory.getLogger(ToxiproxyApi.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ProxyRuntime runtime;
    private final TreeMap<String, ManagedProxy> proxies = new TreeMap<>();

    public ToxiproxyApi(ProxyRuntime runtime) {
        this.runtime = runtime;
    }

    public synchronized ApiResponse listProxies() {
        ObjectNode all = JSON.objectNode();
        proxies.forEach((name, proxy) -> all.set(name, JsonViews.proxy(proxy)));
        return ApiResponse.ok(all);
    }

    public synchronized ApiResponse createProxy(JsonNode body) throws ApiException {
        ProxyRequest request = ProxyRequest.parse(JsonBody.object(body, "proxy"), "");
        if (proxies.containsKey(request.name())) {
            throw new ApiException(409, "proxy already exists");
        }
        return ApiResponse.created(JsonViews.proxy(startNew(request)));
    }

    private ManagedProxy startNew(ProxyRequest request) throws ApiException {
        ManagedProxy proxy = new ManagedProxy(runtime, request.name(), request.listen(), request.upstream(),
                request.toxics());
        if (request.enabled()) {
            try {
                proxy.start();
            } catch (IOException e) {
                throw new ApiException(500, e.getMessage());
            }
        }
        proxies.put(proxy.name(), proxy);
        return proxy;
    }

    public synchronized ApiResponse getProxy(String name) throws ApiException {
        return ApiResponse.ok(JsonViews.proxy(proxy(name)));
    }

    public synchronized ApiResponse updateProxy(String name, JsonNode body) throws ApiException {
        ManagedProxy proxy = proxy(name);
        JsonBody update = JsonBody.object(body, "proxy");
        String listen = update.string("listen").filter(l -> !l.isEmpty()).orElse(proxy.listen());
        String upstream = update.string("upstream").filter(u -> !u.isEmpty()).orElse(proxy.upstream());
        boolean enabled = update.bool("enabled").orElse(proxy.enabled());
        try {
            proxy.readdress(listen, upstream);
            if (enabled) {
                proxy.start();
            } else {
                proxy.stop();
            }
        } catch (IOException e) {
            throw new ApiException(500, e.getMessage());
        }
        return ApiResponse.ok(JsonViews.proxy(proxy));
    }

    /** Removes the proxy; answers once its listener refuses connections and its connections are closed. */
    public synchronized ApiResponse deleteProxy(String name) throws ApiException {
        ManagedProxy proxy = proxy(name);
        proxies.remove(name);
        try {
            proxy.stop();
        } catch (ProxyChangeException e) {
            throw new ApiException(500, e.getMessage());
        }
        return ApiResponse.noContent();
    }

    public synchronized ApiResponse listToxics(String proxyName) throws ApiException {
        return ApiResponse.ok(JsonViews.toxics(proxy(proxyName).toxics()));
    }

    public synchronized ApiResponse createToxic(String proxyName, JsonNode body) throws ApiException {
        ManagedProxy proxy = proxy(proxyName);
        ToxicSpec spec = ToxicRequests.parse(JsonBody.object(body, "toxic"));
        try {
            if (!proxy.addToxic(spec)) {
                throw new ApiException(409, "toxic already exists");
            }
        } catch (ProxyChangeException e) {
            throw new ApiException(500, e.getMessage());
        }
        return ApiResponse.ok(JsonViews.toxic(spec));
    }

    public synchronized ApiResponse getToxic(String proxyName, String toxicName) throws ApiException {
        return ApiResponse.ok(JsonViews.toxic(toxic(proxy(proxyName), toxicName)));
    }

    public synchronized ApiResponse updateToxic(String proxyName, String toxicName, JsonNode body) throws ApiException {
        ManagedProxy proxy = proxy(proxyName);
        ToxicSpec current = toxic(proxy, toxicName);
        JsonBody update = JsonBody.object(body, "toxic");
        double toxicity = ToxicRequests.toxicity(update, current.toxicity());
        Map<String, Long> changes = update.integers("attributes");
        ToxicSpec updated = current.updated(toxicity, changes);
        try {
            proxy.replaceToxic(updated);
        } catch (ProxyChangeException e) {
            throw new ApiException(500, e.getMessage());
        }
        return ApiResponse.ok(JsonViews.toxic(updated));
    }

    public synchronized ApiResponse deleteToxic(String proxyName, String toxicName) throws ApiException {
        ManagedProxy proxy = proxy(proxyName);
        try {
            if (!proxy.removeToxic(toxicName)) {
                throw ApiException.toxicNotFound();
            }
        } catch (ProxyChangeException e) {
            throw new ApiException(500, e.getMessage());
        }
        return ApiResponse.noContent();
    }

    /** Re-enables every proxy and removes every toxic; the proxies stay. */
    public synchronized ApiResponse reset() throws ApiException {
        for (ManagedProxy proxy : proxies.values()) {
            try {
                proxy.removeAllToxics();
                proxy.start();
            } catch (IOException e) {
                throw new ApiException(500, e.getMessage());
            }
        }
        return ApiResponse.noContent();
    }

    /** Creates many proxies; all are validated before any is touched. */
    public synchronized ApiResponse populate(JsonNode body) throws ApiException {
        JsonNode list = body.isObject() && body.has("proxies") ? body.get("proxies") : body;
        List<JsonBody> items = JsonBody.array(list, "populate request");
        List<ProxyRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            requests.add(ProxyRequest.parse(items.get(i), " at proxy " + (i + 1)));
        }
        ArrayNode created = JSON.arrayNode();
        for (ProxyRequest request : requests) {
            ManagedProxy existing = proxies.get(request.name());
            if (existing != null && existing.listen().equals(request.listen())
                    && existing.upstream().equals(request.upstream())) {
                created.add(JsonViews.proxy(existing));
                continue;
            }
            if (existing != null) {
                proxies.remove(request.name());
                try {
                    existing.stop();
                } catch (ProxyChangeException e) {
                    throw new ApiException(500, e.getMessage());
                }
            }
            created.add(JsonViews.proxy(startNew(request)));
        }
        ObjectNode answer = JSON.objectNode();
        answer.set("proxies", created);
        return ApiResponse.created(answer);
    }

    public ApiResponse version() {
        ObjectNode answer = JSON.objectNode();
        answer.put("version", VERSION);
        return ApiResponse.ok(answer);
    }

    /** Stops every proxy; the server is shutting down, so a proxy slow to stop is only logged. */
    public synchronized void stopAll() {
        for (ManagedProxy proxy : proxies.values()) {
            try {
                proxy.stop();
            } catch (ProxyChangeException e) {
                LOG.warn("while shutting down: {}", e.getMessage());
            }
        }
        proxies.clear();
    }

    private ManagedProxy proxy(String name) throws ApiException {
        ManagedProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiException.proxyNotFound();
        }
        return proxy;
    }

    private static ToxicSpec toxic(ManagedProxy proxy, String name) throws ApiException {
        return proxy.toxic(name).orElseThrow(ApiException::toxicNotFound);
    }
}
