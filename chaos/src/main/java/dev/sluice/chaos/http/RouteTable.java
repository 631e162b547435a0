package dev.sluice.chaos.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.chaos.api.ApiException;
import dev.sluice.chaos.api.ApiResponse;
import dev.sluice.chaos.api.ToxiproxyApi;
import dev.sluice.chaos.metrics.ChaosMetrics;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every endpoint of the API in one table: method, path pattern ({@code {name}} captures a segment),
 * action. {@code /metrics} is in the table only when some metrics are on; otherwise it is an
 * unknown path answering 404, as in Toxiproxy, which registers the route only then.
 */
final class RouteTable {

    /** The request body, parsed only by the actions that read one. */
    @FunctionalInterface
    interface Body {
        JsonNode json() throws ApiException;
    }

    @FunctionalInterface
    interface Action {
        ApiResponse handle(Map<String, String> params, Body body) throws ApiException;
    }

    private record Route(HttpMethod method, String[] pattern, Action action) {
    }

    /** The outcome of looking a request up: a route and its captured path segments, or why there is none. */
    record Match(Action action, Map<String, String> params, ApiException failure) {
    }

    private static final HttpMethod PATCH = HttpMethod.PATCH;
    private final List<Route> routes;

    RouteTable(ToxiproxyApi api, ChaosMetrics metrics) {
        List<Route> table = new ArrayList<>(List.of(
                route(HttpMethod.GET, "/version", (p, b) -> api.version()),
                route(HttpMethod.POST, "/reset", (p, b) -> api.reset()),
                route(HttpMethod.POST, "/populate", (p, b) -> api.populate(b.json())),
                route(HttpMethod.GET, "/proxies", (p, b) -> api.listProxies()),
                route(HttpMethod.POST, "/proxies", (p, b) -> api.createProxy(b.json())),
                route(HttpMethod.GET, "/proxies/{proxy}", (p, b) -> api.getProxy(p.get("proxy"))),
                route(HttpMethod.POST, "/proxies/{proxy}", (p, b) -> api.updateProxy(p.get("proxy"), b.json())),
                route(PATCH, "/proxies/{proxy}", (p, b) -> api.updateProxy(p.get("proxy"), b.json())),
                route(HttpMethod.DELETE, "/proxies/{proxy}", (p, b) -> api.deleteProxy(p.get("proxy"))),
                route(HttpMethod.GET, "/proxies/{proxy}/toxics", (p, b) -> api.listToxics(p.get("proxy"))),
                route(HttpMethod.POST, "/proxies/{proxy}/toxics",
                        (p, b) -> api.createToxic(p.get("proxy"), b.json())),
                route(HttpMethod.GET, "/proxies/{proxy}/toxics/{toxic}",
                        (p, b) -> api.getToxic(p.get("proxy"), p.get("toxic"))),
                route(HttpMethod.POST, "/proxies/{proxy}/toxics/{toxic}",
                        (p, b) -> api.updateToxic(p.get("proxy"), p.get("toxic"), b.json())),
                route(PATCH, "/proxies/{proxy}/toxics/{toxic}",
                        (p, b) -> api.updateToxic(p.get("proxy"), p.get("toxic"), b.json())),
                route(HttpMethod.DELETE, "/proxies/{proxy}/toxics/{toxic}",
                        (p, b) -> api.deleteToxic(p.get("proxy"), p.get("toxic")))));
        if (metrics.enabled()) {
            table.add(route(HttpMethod.GET, "/metrics",
                    (p, b) -> ApiResponse.text(200, ChaosMetrics.CONTENT_TYPE, metrics.scrape())));
        }
        routes = List.copyOf(table);
    }

    private static Route route(HttpMethod method, String pattern, Action action) {
        return new Route(method, segments(pattern), action);
    }

    Match match(HttpMethod method, String path) {
        String[] segments = segments(path);
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = capture(route.pattern(), segments);
            if (params.isPresent()) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return new Match(route.action(), params.get(), null);
                }
            }
        }
        return new Match(null, Map.of(), pathKnown
                ? new ApiException(405, "method not allowed")
                : new ApiException(404, "no such endpoint: " + path));
    }

    private static Optional<Map<String, String>> capture(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), segments[i]);
            } else if (!pattern[i].equals(segments[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
