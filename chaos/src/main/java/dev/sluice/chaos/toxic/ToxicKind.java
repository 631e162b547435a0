package dev.sluice.chaos.toxic;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A toxic type as the API knows it: its name, its integer attributes (each defaults to 0) and how
 * to make one for a link from a full set of attribute values.
 */
public record ToxicKind(String type, List<String> attributes, Function<Map<String, Long>, Toxic> factory) {

    public ToxicKind {
        attributes = List.copyOf(attributes);
    }

    public Toxic create(Map<String, Long> values) {
        return factory.apply(values);
    }
}
