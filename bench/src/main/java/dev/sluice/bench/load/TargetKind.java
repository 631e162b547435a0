package dev.sluice.bench.load;

import java.util.Locale;

/** The echo targets a run can drive. */
public enum TargetKind {
    /** Sluice: one multiplexed stream per connection over TLS WebSocket. */
    SLUICE("sluice stream echo (wss)"),
    /** The control: raw Netty WebSocket echo over the same TLS provider. */
    WSS("raw Netty wss echo"),
    /** Raw Netty WebSocket echo without TLS. */
    WS("raw Netty ws echo"),
    /** The Node.js {@code ws} package's echo server, plain ws. */
    NODE("Node ws echo (plain ws)"),
    /** The Node.js {@code ws} package behind Node's {@code https} server, with the wss control's certificate. */
    NODE_WSS("Node ws echo over https (wss)");

    private final String description;

    TargetKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TargetKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown target '" + text + "'; expected sluice, wss, ws, node or node-wss", e);
        }
    }
}
