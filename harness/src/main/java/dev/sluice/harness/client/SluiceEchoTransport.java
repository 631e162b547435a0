package dev.sluice.harness.client;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.harness.workload.EchoTransport;
import dev.sluice.harness.workload.EventSink;
import dev.sluice.identity.NodeId;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The echo workload's transport over real Sluice connections and streams. */
public final class SluiceEchoTransport implements EchoTransport {
    /** The application error code a workload stream is aborted with after a local failure. */
    public static final int WORKLOAD_ABORTED = 0x5743;
    /** How long a finished workload waits for a connection's streams before closing it anyway. */
    public static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

    private final SluiceClient client;
    private final String host;
    private final int port;
    private final NodeId expected;
    private final Duration connectTimeout;
    private final EventSink sink;

    public SluiceEchoTransport(SluiceClient client, String host, int port, NodeId expected, Duration connectTimeout,
            EventSink sink) {
        this.client = client;
        this.host = host;
        this.port = port;
        this.expected = expected;
        this.connectTimeout = connectTimeout;
        this.sink = sink;
    }

    @Override
    public Connection connect() throws IOException {
        SluiceConnection connection;
        try {
            connection = client.connect(host, port, expected).get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("cannot connect to " + host + ":" + port + " as NodeId " + expected + ": "
                    + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("connecting to " + host + ":" + port + " took longer than " + connectTimeout.toMillis()
                    + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
        reportPeer(connection);
        StreamSession session = (StreamSession) connection.applicationHandler();
        return new Connection() {
            @Override
            public Stream openStream() throws IOException {
                try {
                    return wrap(session.openStream());
                } catch (IllegalStateException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    session.stopGracefully(CLOSE_DEADLINE).toCompletableFuture()
                            .get(CLOSE_DEADLINE.toMillis() * 2, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    connection.abort();
                } catch (ExecutionException | TimeoutException e) {
                    connection.abort();
                }
            }
        };
    }

    private static Stream wrap(SluiceStream stream) {
        // One view each: the stream hands out a new subscriber per call.
        OutputStream output = stream.outputStream();
        InputStream input = stream.inputStream();
        return new Stream() {
            @Override
            public OutputStream output() {
                return output;
            }

            @Override
            public InputStream input() {
                return input;
            }

            @Override
            public void abort(String reason) {
                stream.abortWrite(WORKLOAD_ABORTED);
                stream.cancelRead(WORKLOAD_ABORTED);
                try {
                    // Wakes this side's own blocked reader, which cancelling alone does not.
                    input.close();
                } catch (IOException e) {
                    // closing a reader that already failed changes nothing
                }
            }
        };
    }

    private void reportPeer(SluiceConnection connection) {
        Map<String, Object> event = EventSink.event("peer");
        event.put("nodeId", connection.info().peerNodeId().map(NodeId::toString).orElse(null));
        event.put("leafSha256", connection.info().peerCertificates().isEmpty() ? null
                : sha256(connection.info().peerCertificates().get(0)));
        sink.emit(event);
    }

    private static String sha256(java.security.cert.X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
