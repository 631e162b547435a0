package dev.sluice.cli;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.harness.defect.DefectHooks;
import dev.sluice.harness.server.ServerControl;
import dev.sluice.identity.IdentityStore;
import dev.sluice.identity.KeyFileException;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.rpc.ReferenceService;
import dev.sluice.rpc.RpcServer;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.EchoHandler;
import dev.sluice.stream.StreamConfig;
import dev.sluice.tls.TlsProvider;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice server}: the reference server. Its first stdout line is the listening event
 * (tools rely on its shape), then one JSON line per connection event. SIGTERM or SIGINT stops it
 * gracefully and it exits 0.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs a Sluice server (TLS WebSocket) that echoes every stream: it writes back what it reads"
                + " and closes its write side after the client's FIN.",
                "Streams that start with the RPC marker (impl/RPC.md) are JSON-RPC calls instead: echo, count, sum, echoStream.",
                "First stdout line: {\"event\":\"listening\",\"host\":...,\"port\":...,\"nodeId\":...,\"tls\":\"openssl|jdk\"};"
                        + " then one JSON line per connection event. SIGTERM stops it gracefully (exit 0)."})
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind: 127.0.0.1, ::1, :: (dual stack)... (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "port to bind; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--keepalive-interval", paramLabel = "MS", description = "ping interval in ms; 0 disables pings")
    Long keepAliveIntervalMillis;

    @Option(names = "--keepalive-timeout", paramLabel = "MS", description = "ms without any frame before a connection fails; 0 disables")
    Long keepAliveTimeoutMillis;

    @Option(names = "--key", paramLabel = "DIR", description = "identity written by 'sluice keygen' (password from --password-env); a fresh identity when absent")
    Path keyDirectory;

    @Option(names = "--password-env", paramLabel = "NAME", defaultValue = KeyPassword.DEFAULT_VARIABLE,
            description = "environment variable holding the key password (default: ${DEFAULT-VALUE})")
    String passwordVariable;

    @Option(names = "--tls", paramLabel = "PROVIDER", defaultValue = "auto", description = "auto, openssl or jdk (default: ${DEFAULT-VALUE})")
    String tlsProvider;

    @Option(names = "--stop-deadline", paramLabel = "MS", defaultValue = "5000",
            description = "how long a graceful stop waits for connections to close (default: ${DEFAULT-VALUE})")
    long stopDeadlineMillis;

    @Option(names = "--max-streams", paramLabel = "N", defaultValue = "" + StreamConfig.DEFAULT_MAX_CONCURRENT_STREAMS,
            description = "streams a client may have open at once; more are refused (default: ${DEFAULT-VALUE})")
    int maxStreams;

    @Option(names = "--stream-window", paramLabel = "BYTES", defaultValue = "" + StreamConfig.DEFAULT_RECEIVE_WINDOW,
            description = "receive window per stream (default: ${DEFAULT-VALUE})")
    int streamWindow;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", split = ",",
            description = "a browser origin (scheme://host[:port], or null) whose pages may connect; repeatable."
                    + " Requests without an Origin header are always accepted; other origins get 403 (default: none)")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--server-defect", paramLabel = "NAME", description = "break the server on purpose, to prove"
            + " the fault gate catches it; needs SLUICE_ENABLE_DEFECTS=I_UNDERSTAND")
    String defect;

    /** The harness's control channel on stdin: stats and certificate rotation. */
    private final ServerControl control = new ServerControl(System.out);

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        DefectHooks defectHooks = null;
        if (defect != null) {
            defectHooks = ServerControl.armDefect(defect, cli.getErr());
            if (defectHooks == null) {
                return 2;
            }
        }
        ServerConfig config;
        try {
            config = ServerConfig.builder()
                    .host(host)
                    .port(port)
                    .identity(identity(cli))
                    .tlsProvider(TlsProvider.parse(tlsProvider))
                    .connection(connectionConfig())
                    .stopDeadline(Duration.ofMillis(stopDeadlineMillis))
                    .allowedOrigins(allowedOrigins)
                    // RPC calls (streams starting with the RPC marker) and the byte echo side by side
                    .streamHandler(control.counting(RpcServer.builder(ReferenceService.create())
                            .fallback(EchoHandler.INSTANCE).build()), streamConfig(defectHooks))
                    .listener(defectHooks == null ? new ServerEvents(new JsonEvents(System.out))
                            : defectHooks.connectionDefect(new ServerEvents(new JsonEvents(System.out))))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        } catch (KeyFileException e) {
            cli.getErr().println("server: cannot load the identity: " + e.getMessage());
            return 2;
        }
        SluiceServer server;
        try {
            server = SluiceServer.start(config);
        } catch (BindException e) {
            cli.getErr().println("server: " + e.getMessage());
            return 1;
        }
        control.install(server);
        return runUntilSignalled(server, new JsonEvents(System.out));
    }

    private int runUntilSignalled(SluiceServer server, JsonEvents events) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        PrintStream out = System.out;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean graceful = false;
            try {
                Duration deadline = Duration.ofMillis(stopDeadlineMillis);
                // Stops accepting first, lets every stream session end within the deadline, then closes the rest.
                graceful = server.stop(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.emit(JsonEvents.event("stopped").put("graceful", graceful));
            out.flush();
            stopped.countDown();
            // A signal-initiated exit would otherwise end with 128+signal; a graceful stop is a success.
            Runtime.getRuntime().halt(0);
        }, "sluice-server-stop"));
        // Only now that a signal stops the server gracefully may tools learn that it is listening.
        events.emit(JsonEvents.event("listening")
                .put("host", host)
                .put("port", server.port())
                .put("nodeId", server.nodeId().toString())
                .put("tls", server.tlsProvider()));
        stopped.await();
        return 0;
    }

    private NodeIdentity identity(CommandLine cli) throws KeyFileException {
        if (keyDirectory == null) {
            return NodeIdentity.generate();
        }
        char[] password = KeyPassword.fromEnvironment(cli, passwordVariable, "decrypts the keys in " + keyDirectory);
        return IdentityStore.read(keyDirectory, password);
    }

    private StreamConfig streamConfig(DefectHooks defectHooks) {
        StreamConfig.Builder builder = StreamConfig.builder().maxConcurrentStreams(maxStreams).receiveWindow(streamWindow);
        if (defectHooks != null) {
            builder.hooks(defectHooks);
        }
        return builder.build();
    }

    private ConnectionConfig connectionConfig() {
        ConnectionConfig.Builder builder = ConnectionConfig.builder();
        if (keepAliveIntervalMillis != null) {
            builder.keepAliveInterval(Duration.ofMillis(keepAliveIntervalMillis));
        }
        if (keepAliveTimeoutMillis != null) {
            builder.keepAliveTimeout(Duration.ofMillis(keepAliveTimeoutMillis));
        }
        return builder.build();
    }
}
