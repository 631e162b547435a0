package dev.sluice.chaos.proxy;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * One configured proxy: its addresses, its toxics, its listener and open connections.
 *
 * <p>Every field is guarded by {@code this}. API threads change the configuration; connection
 * event loops register and unregister connections. A connection takes its toxic snapshot under
 * the same lock that toxic changes take, and every later change reaches it through its event
 * loop, so no connection ever misses a toxic. A change returns once every open connection has
 * applied it (waited for outside the lock, which event loops also take), and a stop once the
 * listener refuses connections and every connection is closed; when that takes longer than the
 * runtime's apply timeout the change throws {@link ProxyChangeException} instead of returning.
 */
public final class ManagedProxy {
    private final ProxyRuntime runtime;
    private final String name;
    private String listen;
    private String upstream;
    private HostPort dialTarget;
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

    synchronized HostPort dialTarget() {
        return dialTarget;
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
        dialTarget = HostPort.parse(upstream).orElseThrow(() -> new IOException("invalid upstream address: " + upstream));
        listener = ProxyListener.bind(this, listenAt, runtime);
        listen = HostPort.format(listener.localAddress());
        enabled = true;
    }

    /**
     * Closes the listener and every open connection; returns once new connections are refused and
     * the open ones are closed.
     */
    public void stop() throws ProxyChangeException {
        List<Future<?>> closing;
        ProxyListener closingListener;
        synchronized (this) {
            if (!enabled) {
                return;
            }
            enabled = false;
            closingListener = listener;
            listener = null;
            closing = closeConnections();
        }
        long deadline = deadline();
        ProxyChangeException failure = null;
        try {
            closingListener.close(name, deadline, timeoutMillis());
        } catch (ProxyChangeException e) {
            failure = e;
        }
        try {
            awaitApplied(closing, "close", deadline);
        } catch (ProxyChangeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<Future<?>> closeConnections() {
        List<Future<?>> closing = new ArrayList<>();
        connections.forEach(c -> closing.add(c.closeAsync()));
        connections.clear();
        return closing;
    }

    /**
     * Applies new addresses and closes the open connections. A new listen address rebinds the
     * listener; a new upstream alone keeps it, so the port is never given up in between.
     */
    public void readdress(String newListen, String newUpstream) throws IOException {
        long deadline = deadline();
        List<Future<?>> closing;
        synchronized (this) {
            if (newListen.equals(listen) && newUpstream.equals(upstream)) {
                return;
            }
            HostPort target = HostPort.parse(newUpstream)
                    .orElseThrow(() -> new IOException("invalid upstream address: " + newUpstream));
            boolean rebind = enabled && !newListen.equals(listen);
            upstream = newUpstream;
            dialTarget = target;
            if (rebind) {
                closing = List.of();
            } else {
                listen = newListen;
                closing = closeConnections();
            }
        }
        awaitApplied(closing, "close", deadline);
        if (!newListen.equals(listen())) {
            stop();
            synchronized (this) {
                listen = newListen;
            }
            start();
        }
    }

    /** Adds a toxic to the proxy and every open connection; false when one with that name exists. */
    public boolean addToxic(ToxicSpec spec) throws ProxyChangeException {
        long deadline = deadline();
        List<Future<?>> applied = new ArrayList<>();
        synchronized (this) {
            if (toxics.containsKey(spec.name())) {
                return false;
            }
            toxics.put(spec.name(), spec);
            connections.forEach(c -> applied.add(c.addToxicAsync(spec)));
        }
        awaitApplied(applied, "add toxic " + spec.name(), deadline);
        return true;
    }

    public void replaceToxic(ToxicSpec spec) throws ProxyChangeException {
        long deadline = deadline();
        List<Future<?>> applied = new ArrayList<>();
        synchronized (this) {
            toxics.put(spec.name(), spec);
            connections.forEach(c -> applied.add(c.replaceToxicAsync(spec)));
        }
        awaitApplied(applied, "update toxic " + spec.name(), deadline);
    }

    public boolean removeToxic(String toxicName) throws ProxyChangeException {
        long deadline = deadline();
        List<Future<?>> applied = new ArrayList<>();
        synchronized (this) {
            ToxicSpec removed = toxics.remove(toxicName);
            if (removed == null) {
                return false;
            }
            connections.forEach(c -> applied.add(c.removeToxicAsync(removed)));
        }
        awaitApplied(applied, "remove toxic " + toxicName, deadline);
        return true;
    }

    public void removeAllToxics() throws ProxyChangeException {
        for (ToxicSpec spec : toxics()) {
            removeToxic(spec.name());
        }
    }

    private long deadline() {
        return System.nanoTime() + runtime.applyTimeout().toNanos();
    }

    private long timeoutMillis() {
        return runtime.applyTimeout().toMillis();
    }

    private void awaitApplied(List<Future<?>> changes, String action, long deadline) throws ProxyChangeException {
        PendingChanges.await(changes, name, action, deadline, timeoutMillis());
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
            TrafficMeter traffic = runtime.traffic();
            connection = new ProxyConnection(this, client, server, settings,
                    traffic.forLink(Stream.UPSTREAM.apiName(), name, listen, upstream),
                    traffic.forLink(Stream.DOWNSTREAM.apiName(), name, listen, upstream));
            connections.add(connection);
            snapshot = List.copyOf(toxics.values());
        }
        connection.start(snapshot, clientRelay, serverRelay);
    }

    synchronized void connectionClosed(ProxyConnection connection) {
        connections.remove(connection);
    }
}
