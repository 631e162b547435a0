package dev.sluice.chaos.proxy;

import java.util.Locale;
import java.util.Optional;

/** A direction through the proxy, named as Toxiproxy names them. */
public enum Stream {
    /** Client to upstream server. */
    UPSTREAM,
    /** Upstream server to client. */
    DOWNSTREAM;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Stream> fromApiName(String name) {
        for (Stream stream : values()) {
            if (stream.apiName().equals(name)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }
}
