package dev.sluice.chaos.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.chaos.proxy.ManagedProxy;
import dev.sluice.chaos.proxy.ToxicSpec;
import java.util.List;

/** Proxies and toxics rendered as Toxiproxy renders them. */
final class JsonViews {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonViews() {
    }

    static ObjectNode proxy(ManagedProxy proxy) {
        ObjectNode node = JSON.objectNode();
        node.put("name", proxy.name());
        node.put("listen", proxy.listen());
        node.put("upstream", proxy.upstream());
        node.put("enabled", proxy.enabled());
        node.set("toxics", toxics(proxy.toxics()));
        return node;
    }

    static ArrayNode toxics(List<ToxicSpec> toxics) {
        ArrayNode array = JSON.arrayNode();
        toxics.forEach(t -> array.add(toxic(t)));
        return array;
    }

    static ObjectNode toxic(ToxicSpec toxic) {
        ObjectNode node = JSON.objectNode();
        node.put("name", toxic.name());
        node.put("type", toxic.kind().type());
        node.put("stream", toxic.stream().apiName());
        node.put("toxicity", toxic.toxicity());
        ObjectNode attributes = node.putObject("attributes");
        toxic.attributes().forEach(attributes::put);
        return node;
    }
}
