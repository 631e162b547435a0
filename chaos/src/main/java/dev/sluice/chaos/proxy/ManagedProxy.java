package dev.sluice.chaos.proxy;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One configured proxy: its addresses, its toxics, its listener and open connections.
 *
 * <p>Every field is guarded by {@code this}. API threads change the configuration; connection
 * event loops register and unregister connections. A connection takes its toxic snapshot under
 * the same lock that toxic changes take, and every later change reaches it through its event
 * loop, so no connection ever misses a toxic.
 */
public final class ManagedProxy {
    private final ProxyRuntime runtime;
    private final String name;
    private String listen;
    private String upstream;
    private boolean enabled;
    private final LinkedHashMap<String, ToxicSpec> toxics = new LinkedHashMap<>();
    private final Set<ProxyConnection> connections = new HashSet<>();
    private ProxyListener listener;
    private long connectionsAccepted;

    public ManagedProxy(ProxyRuntime runtime, String name, String listen, String upstream, List<ToxicSpec> initialToxics) {
        this.runtime = runtime;
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        for (ToxicSpec spec : initialToxics) {
            toxics.put(spec.name(), spec);
        }
    }

    public String name() {
        return name;
    }

    public synchronized String listen() {
        return listen;
    }

    public synchronized String upstream() {
        return upstream;
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** Toxics as the API lists them: upstream first, then downstream, each in insertion order. */
    public synchronized List<ToxicSpec> toxics() {
        List<ToxicSpec> ordered = new ArrayList<>();
        for (Stream stream : Stream.values()) {
            toxics.values().stream().filter(t -> t.stream() == stream).forEach(ordered::add);
        }
        return ordered;
    }

    public synchronized Optional<ToxicSpec> toxic(String toxicName) {
        return Optional.ofNullable(toxics.get(toxicName));
    }

    /** Binds the listener; {@code listen} then holds the resolved address (port 0 becomes the real port). */
    public synchronized void start() throws IOException {
        if (enabled) {
            return;
        }
        HostPort listenAt = HostPort.parse(listen).orElseThrow(() -> new IOException("invalid listen address: " + listen));
        HostPort dialTo = HostPort.parse(upstream).orElseThrow(() -> new IOException("invalid upstream address: " + upstream));
        listener = ProxyListener.bind(this, listenAt, dialTo, runtime);
        listen = HostPort.format(listener.localAddress());
        enabled = true;
    }

    /** Closes the listener and every open connection. */
    public synchronized void stop() {
        if (!enabled) {
            return;
        }
        enabled = false;
        listener.close();
        listener = null;
        connections.forEach(ProxyConnection::closeAsync);
        connections.clear();
    }

    /** Applies new addresses; a change restarts the proxy (closing its connections) when it runs. */
    public synchronized void readdress(String newListen, String newUpstream) throws IOException {
        if (newListen.equals(listen) && newUpstream.equals(upstream)) {
            return;
        }
        boolean wasEnabled = enabled;
        stop();
        listen = newListen;
        upstream = newUpstream;
        if (wasEnabled) {
            start();
        }
    }

    /** Adds a toxic; false when one with that name exists. */
    public synchronized boolean addToxic(ToxicSpec spec) {
        if (toxics.containsKey(spec.name())) {
            return false;
        }
        toxics.put(spec.name(), spec);
        connections.forEach(c -> c.addToxicAsync(spec));
        return true;
    }

    public synchronized void replaceToxic(ToxicSpec spec) {
        toxics.put(spec.name(), spec);
        connections.forEach(c -> c.replaceToxicAsync(spec));
    }

    public synchronized boolean removeToxic(String toxicName) {
        ToxicSpec removed = toxics.remove(toxicName);
        if (removed == null) {
            return false;
        }
        connections.forEach(c -> c.removeToxicAsync(removed));
        return true;
    }

    public synchronized void removeAllToxics() {
        for (ToxicSpec spec : List.copyOf(toxics.values())) {
            removeToxic(spec.name());
        }
    }

    /** Called on the connection's event loop once its upstream is connected. */
    void connectionOpened(Channel client, Channel server, RelayHandler clientRelay, RelayHandler serverRelay) {
        List<ToxicSpec> snapshot;
        ProxyConnection connection;
        synchronized (this) {
            if (!enabled) {
                client.close();
                server.close();
                return;
            }
            long number = ++connectionsAccepted;
            LinkSettings settings = new LinkSettings(name + "/" + number, runtime.seed(), runtime.decisions(),
                    runtime.linkHighWaterBytes(), runtime.linkLowWaterBytes());
            connection = new ProxyConnection(this, client, server, settings);
            connections.add(connection);
            snapshot = List.copyOf(toxics.values());
        }
        connection.start(snapshot, clientRelay, serverRelay);
    }

    synchronized void connectionClosed(ProxyConnection connection) {
        connections.remove(connection);
    }
}
