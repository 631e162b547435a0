package dev.sluice.chaos.proxy;

/**
 * Hands each new link the counters of its bytes, labelled with the proxy as it is when the
 * connection opens (a later change of address counts under the new address, as in Toxiproxy).
 */
@FunctionalInterface
public interface TrafficMeter {
    /** Counts nothing. */
    TrafficMeter NONE = (direction, proxy, listener, upstream) -> LinkCounters.NONE;

    /**
     * @param direction {@code upstream} (client to server) or {@code downstream}
     * @param proxy     the proxy's name
     * @param listener  the proxy's listen address
     * @param upstream  the proxy's upstream address
     */
    LinkCounters forLink(String direction, String proxy, String listener, String upstream);

    /**
     * @param received bytes the link read from its source socket
     * @param sent     bytes the link wrote to its receiving socket
     */
    record LinkCounters(ByteCounter received, ByteCounter sent) {
        public static final LinkCounters NONE = new LinkCounters(ByteCounter.NONE, ByteCounter.NONE);
    }
}
