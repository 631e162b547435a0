package dev.sluice.chaos.proxy;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A {@code host:port} address as Toxiproxy writes them ({@code [v6]:port} for IPv6, empty host = any). */
public record HostPort(String host, int port) {

    public static Optional<HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            return port < 0 || port > 65535 ? Optional.empty() : Optional.of(new HostPort(host, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static String format(InetSocketAddress address) {
        // RFC 5952 text ("::1", not "0:0:0:0:0:0:0:1"), as Go prints listen addresses.
        String text = NetUtil.toAddressString(address.getAddress());
        String host = address.getAddress() instanceof Inet6Address ? "[" + text + "]" : text;
        return host + ":" + address.getPort();
    }

    InetSocketAddress bindAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
