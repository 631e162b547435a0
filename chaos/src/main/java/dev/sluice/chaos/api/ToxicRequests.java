package dev.sluice.chaos.api;

import dev.sluice.chaos.proxy.Stream;
import dev.sluice.chaos.proxy.ToxicSpec;
import dev.sluice.chaos.toxic.ToxicKind;
import dev.sluice.chaos.toxic.ToxicRegistry;
import java.util.Map;

/** Turns a toxic's JSON into a {@link ToxicSpec}, with Toxiproxy's defaults and errors. */
final class ToxicRequests {
    static final double DEFAULT_TOXICITY = 1.0;

    private ToxicRequests() {
    }

    static ToxicSpec parse(JsonBody body) throws ApiException {
        String streamName = body.string("stream").orElse(Stream.DOWNSTREAM.apiName());
        Stream stream = Stream.fromApiName(streamName).orElseThrow(() -> new ApiException(400,
                "stream was invalid, can be either upstream or downstream"));
        String type = body.string("type").orElse("");
        ToxicKind kind = ToxicRegistry.find(type).orElseThrow(() -> new ApiException(400, "invalid toxic type"));
        double toxicity = toxicity(body, DEFAULT_TOXICITY);
        String name = body.string("name").filter(n -> !n.isEmpty()).orElse(type + "_" + stream.apiName());
        Map<String, Long> attributes = body.integers("attributes");
        return ToxicSpec.withDefaults(name, kind, stream, toxicity, attributes);
    }

    static double toxicity(JsonBody body, double fallback) throws ApiException {
        double toxicity = body.number("toxicity").orElse(fallback);
        if (toxicity < 0 || toxicity > 1) {
            throw ApiException.badBody("toxicity must be between 0 and 1");
        }
        return toxicity;
    }
}
