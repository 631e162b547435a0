package dev.sluice.chaos.api;

import dev.sluice.chaos.proxy.ToxicSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A proxy as a create or populate request describes it. {@code toxics} goes beyond Toxiproxy: the
 * proxy starts with them installed, so no connection slips through untoxicked.
 */
record ProxyRequest(String name, String listen, String upstream, boolean enabled, List<ToxicSpec> toxics) {
    /** Where a proxy listens when the request does not say: loopback, a free port. */
    static final String DEFAULT_LISTEN = "127.0.0.1:0";

    /** Parses one proxy; {@code where} ends missing-field messages (" at proxy 2" in populate). */
    static ProxyRequest parse(JsonBody body, String where) throws ApiException {
        String name = body.string("name").orElse("");
        if (name.isEmpty()) {
            throw new ApiException(400, "missing required field: name" + where);
        }
        String upstream = body.string("upstream").orElse("");
        if (upstream.isEmpty()) {
            throw new ApiException(400, "missing required field: upstream" + where);
        }
        String listen = body.string("listen").filter(l -> !l.isEmpty()).orElse(DEFAULT_LISTEN);
        boolean enabled = body.bool("enabled").orElse(true);
        List<ToxicSpec> toxics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (body.raw("toxics").isPresent()) {
            for (JsonBody toxic : JsonBody.array(body.raw("toxics").get(), "toxics")) {
                ToxicSpec spec = ToxicRequests.parse(toxic);
                if (!names.add(spec.name())) {
                    throw new ApiException(409, "toxic already exists");
                }
                toxics.add(spec);
            }
        }
        return new ProxyRequest(name, listen, upstream, enabled, toxics);
    }
}
