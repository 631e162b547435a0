package dev.sluice.chaos.toxic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every toxic type, registered by name: adding a toxic means one class and one line here. */
public final class ToxicRegistry {
    private static final Map<String, ToxicKind> KINDS = new LinkedHashMap<>();

    static {
        register(LatencyToxic.KIND);
        register(BandwidthToxic.KIND);
        register(SlowCloseToxic.KIND);
        register(TimeoutToxic.KIND);
        register(ResetPeerToxic.KIND);
        register(SlicerToxic.KIND);
        register(LimitDataToxic.KIND);
        register(CutToxic.KIND);
    }

    private ToxicRegistry() {
    }

    private static void register(ToxicKind kind) {
        KINDS.put(kind.type(), kind);
    }

    public static Optional<ToxicKind> find(String type) {
        return Optional.ofNullable(KINDS.get(type));
    }
}
