package dev.sluice.chaos.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One accepted client connection and its upstream connection, both on one event loop, joined by
 * two links. Changes from the API arrive through the {@code *Async} methods, which hop onto that
 * event loop; every field is touched only there.
 */
final class ProxyConnection {
    private final ManagedProxy owner;
    private final Channel client;
    private final Channel server;
    private final Link upstream;
    private final Link downstream;
    private boolean closed;

    ProxyConnection(ManagedProxy owner, Channel client, Channel server, LinkSettings settings,
            TrafficMeter.LinkCounters upstreamCounters, TrafficMeter.LinkCounters downstreamCounters) {
        this.owner = owner;
        this.client = client;
        this.server = server;
        this.upstream = new Link(this, Stream.UPSTREAM, client, server, settings, upstreamCounters);
        this.downstream = new Link(this, Stream.DOWNSTREAM, server, client, settings, downstreamCounters);
    }

    /** Installs the toxics configured when the connection opened and starts relaying. */
    void start(List<ToxicSpec> toxics, RelayHandler clientRelay, RelayHandler serverRelay) {
        for (ToxicSpec spec : toxics) {
            link(spec.stream()).addToxic(spec);
        }
        clientRelay.attach(upstream);
        serverRelay.attach(downstream);
        if (!client.isActive() || !server.isActive()) {
            close();
            return;
        }
        client.config().setAutoRead(true);
        server.config().setAutoRead(true);
    }

    private Link link(Stream stream) {
        return stream == Stream.UPSTREAM ? upstream : downstream;
    }

    Future<?> addToxicAsync(ToxicSpec spec) {
        return client.eventLoop().submit(() -> link(spec.stream()).addToxic(spec));
    }

    Future<?> replaceToxicAsync(ToxicSpec spec) {
        return client.eventLoop().submit(() -> link(spec.stream()).replaceToxic(spec));
    }

    Future<?> removeToxicAsync(ToxicSpec spec) {
        return client.eventLoop().submit(() -> link(spec.stream()).removeToxic(spec.name()));
    }

    Future<?> closeAsync() {
        return client.eventLoop().submit(this::close);
    }

    /** Writes what is queued for {@code receiver}, then closes both sockets. */
    void closeAfterFlush(Channel receiver) {
        if (closed) {
            return;
        }
        receiver.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> close());
    }

    /** Closes both sockets with a TCP RST instead of a FIN. */
    void reset() {
        if (closed) {
            return;
        }
        for (Channel channel : List.of(client, server)) {
            if (channel.isOpen()) {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            }
        }
        close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        upstream.dispose();
        downstream.dispose();
        client.close();
        server.close();
        owner.connectionClosed(this);
    }
}
