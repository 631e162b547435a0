package dev.sluice.chaos.proxy;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One configured proxy: its addresses, its toxics, its listener and open connections.
 *
 * <p>Every field is guarded by {@code this}. API threads change the configuration; connection
 * event loops register and unregister connections. A connection takes its toxic snapshot under
 * the same lock that toxic changes take, and every later change reaches it through its event
 * loop, so no connection ever misses a toxic. A change returns once every open connection has
 * applied it (waited for outside the lock, which event loops also take).
 */
public final class ManagedProxy {
    /** How long a change may wait for the open connections to apply it. */
    private static final long APPLY_TIMEOUT_MILLIS = 5_000;

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

    /** Closes the listener and every open connection. */
    public void stop() {
        List<Future<?>> closing;
        synchronized (this) {
            if (!enabled) {
                return;
            }
            enabled = false;
            listener.close();
            listener = null;
            closing = closeConnections();
        }
        awaitApplied(closing);
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
        awaitApplied(closing);
        if (!newListen.equals(listen())) {
            stop();
            synchronized (this) {
                listen = newListen;
            }
            start();
        }
    }

    /** Adds a toxic to the proxy and every open connection; false when one with that name exists. */
    public boolean addToxic(ToxicSpec spec) {
        List<Future<?>> applied = new ArrayList<>();
        synchronized (this) {
            if (toxics.containsKey(spec.name())) {
                return false;
            }
            toxics.put(spec.name(), spec);
            connections.forEach(c -> applied.add(c.addToxicAsync(spec)));
        }
        awaitApplied(applied);
        return true;
    }

    public void replaceToxic(ToxicSpec spec) {
        List<Future<?>> applied = new ArrayList<>();
        synchronized (this) {
            toxics.put(spec.name(), spec);
            connections.forEach(c -> applied.add(c.replaceToxicAsync(spec)));
        }
        awaitApplied(applied);
    }

    public boolean removeToxic(String toxicName) {
        List<Future<?>> applied = new ArrayList<>();
        synchronized (this) {
            ToxicSpec removed = toxics.remove(toxicName);
            if (removed == null) {
                return false;
            }
            connections.forEach(c -> applied.add(c.removeToxicAsync(removed)));
        }
        awaitApplied(applied);
        return true;
    }

    public void removeAllToxics() {
        for (ToxicSpec spec : toxics()) {
            removeToxic(spec.name());
        }
    }

    private static void awaitApplied(List<Future<?>> changes) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(APPLY_TIMEOUT_MILLIS);
        for (Future<?> change : changes) {
            try {
                change.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // A connection that closed meanwhile or whose loop is shutting down needs no change.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
