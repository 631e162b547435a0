package dev.sluice.server;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which web origins may open a WebSocket (RFC 6455 §10.2). Browsers always send {@code Origin};
 * other clients usually don't, and a request without it is accepted: the header protects users
 * of a browser from pages of other sites, it is not an authentication. A request carrying an
 * {@code Origin} is accepted only when that origin is listed, so by default (empty list) no
 * browser page can connect.
 *
 * <p>An entry is an origin as browsers serialize it, {@code scheme://host[:port]} (no path, no
 * trailing slash), or {@code null} for opaque origins (sandboxed frames, {@code file:} pages).
 * Comparison ignores ASCII case. Immutable.
 */
public final class OriginPolicy {
    /** No origin listed: requests without Origin only. */
    public static final OriginPolicy NONE = new OriginPolicy(Set.of());

    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#\\s@]+");
    /** Enough of a hostile header to recognise it in a log line. */
    private static final int MAX_QUOTED = 80;

    private final Set<String> allowed;

    private OriginPolicy(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an origin */
    public static OriginPolicy allowing(Collection<String> origins) {
        Set<String> normalized = new TreeSet<>();
        for (String origin : origins) {
            String entry = origin == null ? "" : origin.trim().toLowerCase(Locale.ROOT);
            if (!entry.equals("null") && !ORIGIN.matcher(entry).matches()) {
                throw new IllegalArgumentException("not an origin: '" + origin
                        + "'; expected scheme://host[:port] without a path (e.g. https://app.example.com) or null");
            }
            normalized.add(entry);
        }
        return new OriginPolicy(Set.copyOf(normalized));
    }

    /** The allowed origins, lower case. */
    public Set<String> allowed() {
        return allowed;
    }

    /** Why a request with these {@code Origin} header values is refused, or null when it is accepted. */
    String problem(List<String> originHeaders) {
        if (originHeaders.isEmpty()) {
            return null;
        }
        if (originHeaders.size() > 1) {
            return "the upgrade request has " + originHeaders.size() + " Origin headers";
        }
        String origin = originHeaders.get(0).trim();
        if (allowed.contains(origin.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String quoted = origin.length() > MAX_QUOTED ? origin.substring(0, MAX_QUOTED) + "..." : origin;
        return "origin " + quoted + " is not allowed"
                + (allowed.isEmpty() ? " (this server accepts no browser origin)" : "");
    }

    @Override
    public String toString() {
        return allowed.toString();
    }
}
