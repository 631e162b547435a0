package dev.sluice.chaos.proxy;

import dev.sluice.chaos.toxic.Toxic;
import dev.sluice.chaos.toxic.ToxicKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A toxic as configured on a proxy: immutable; an update makes a new one.
 *
 * @param attributes every attribute of the kind, in the kind's order
 */
public record ToxicSpec(String name, ToxicKind kind, Stream stream, double toxicity, Map<String, Long> attributes) {

    public ToxicSpec {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A toxic with every attribute of the kind at its default (0) overlaid with {@code given}. */
    public static ToxicSpec withDefaults(String name, ToxicKind kind, Stream stream, double toxicity,
            Map<String, Long> given) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (String attribute : kind.attributes()) {
            all.put(attribute, given.getOrDefault(attribute, 0L));
        }
        return new ToxicSpec(name, kind, stream, toxicity, all);
    }

    /** This toxic with {@code changes} merged into its attributes and, if given, a new toxicity. */
    public ToxicSpec updated(Double newToxicity, Map<String, Long> changes) {
        Map<String, Long> merged = new LinkedHashMap<>(attributes);
        changes.forEach((key, value) -> {
            if (merged.containsKey(key)) {
                merged.put(key, value);
            }
        });
        return new ToxicSpec(name, kind, stream, newToxicity == null ? toxicity : newToxicity, merged);
    }

    Toxic instantiate() {
        return kind.create(attributes);
    }
}
