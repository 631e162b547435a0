package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConnectionClosedException;
import dev.sluice.connection.ConnectionException;
import dev.sluice.connection.ConnectionLostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {
    private final CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
    private LocalMuxPair pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    private void start() throws Exception {
        StreamConfig small = StreamConfig.builder().receiveWindow(1024).build();
        pair = new LocalMuxPair(small, small, (s, info) -> accepted.complete(s), StreamHandler.CANCEL_ALL);
    }

    /** Opens a client stream and writes one byte, so that the server accepts it (see {@code accepted}). */
    private SluiceStream openWithFirstByte(byte first) {
        SluiceStream s = pair.client.openStream();
        s.write(ByteBuffer.wrap(new byte[] {first}));
        return s;
    }

    @Test
    void gracefulStopRefusesNewStreamsWaitsForOpenOnesThenCloses1000() throws Exception {
        start();
        SluiceStream s = openWithFirstByte((byte) 1);
        SluiceStream onServer = accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<ConnectionException> stopped = pair.server.stopGracefully(Duration.ofSeconds(10))
                .toCompletableFuture();

        // the stop takes effect on the server's event loop; an open from there afterwards is refused
        assertThatThrownBy(() -> pair.server.openStream()).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot open a stream: the session is stopping");
        SluiceStream late = pair.client.openStream();
        assertThatThrownBy(() -> late.write(ByteBuffer.wrap(new byte[1])).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StreamStoppedException.class).hasMessageContaining("REFUSED");
        assertThat(stopped).isNotDone();

        CompletableFuture<byte[]> clientReads = StreamTestSupport.readAll(s);
        s.closeWrite();
        assertThat(StreamTestSupport.readAll(onServer).get(5, TimeUnit.SECONDS)).containsExactly(1);
        onServer.closeWrite();
        assertThat(clientReads.get(5, TimeUnit.SECONDS)).isEmpty();

        ConnectionException cause = stopped.get(5, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("stopped gracefully");
        assertThat(pair.clientConnection.closeCodeReceived.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void gracefulStopDeadlineFailsStreamsStillOpen() throws Exception {
        start();
        SluiceStream s = openWithFirstByte((byte) 0);
        accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> blocked = StreamTestSupport.writeAll(s, new byte[100_000], 1000);
        ConnectionException cause = pair.client.stopGracefully(Duration.ofMillis(200)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(cause).hasMessageContaining("graceful stop deadline of 200 ms passed with 1 streams open");
        assertThat(StreamMultiplexerTest.catchCause(blocked)).isSameAs(cause);
        assertThat(pair.serverConnection.closeCodeReceived.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void stopNowFailsPendingWritesAndReadersOnBothSides() throws Exception {
        start();
        SluiceStream s = openWithFirstByte((byte) 0);
        SluiceStream onServer = accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<byte[]> serverReads = StreamTestSupport.readAll(onServer);
        CompletableFuture<Void> blocked = StreamTestSupport.writeAll(s, new byte[100_000], 1000);
        CompletableFuture<byte[]> clientReads = StreamTestSupport.readAll(s);
        pair.client.stopNow().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(StreamMultiplexerTest.catchCause(blocked)).isInstanceOf(ConnectionClosedException.class)
                .hasMessage("connection closed by this side with code 1000 (stopped)");
        assertThat(StreamMultiplexerTest.catchCause(clientReads)).isInstanceOf(ConnectionClosedException.class);
        assertThat(StreamMultiplexerTest.catchCause(serverReads)).isInstanceOf(ConnectionClosedException.class)
                .hasMessage("connection closed by the peer with code 1000 (stopped)");
        assertThatThrownBy(() -> s.write(ByteBuffer.wrap(new byte[1])).toCompletableFuture().get(1, TimeUnit.SECONDS))
                .cause().isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void lostConnectionFailsEveryReaderAndWriterWithConnectionLost() throws Exception {
        start();
        SluiceStream s = openWithFirstByte((byte) 0);
        SluiceStream onServer = accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<byte[]> serverReads = StreamTestSupport.readAll(onServer);
        CompletableFuture<Void> serverWrites = StreamTestSupport.writeAll(onServer, new byte[100_000], 1000);
        pair.clientChannel.close();
        assertThat(StreamMultiplexerTest.catchCauseWithin(serverReads, 5)).isInstanceOf(ConnectionLostException.class)
                .hasMessage("connection lost: EOF without a close frame");
        assertThat(StreamMultiplexerTest.catchCauseWithin(serverWrites, 5)).isInstanceOf(ConnectionLostException.class);
        assertThat(pair.server.terminationFuture().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(() -> pair.server.openStream()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection lost");
    }

    // A stream's close future and a session's termination future are created only when someone
    // asks for them; asked for after the event, they are already complete, with the same outcome
    // as when asked for before it.

    @Test
    void closeFutureAskedForAfterBothDirectionsEndedIsAlreadyCompleteNormally() throws Exception {
        start();
        SluiceStream s = openWithFirstByte((byte) 7);
        SluiceStream onServer = accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<byte[]> clientReads = StreamTestSupport.readAll(s);
        s.closeWrite();
        assertThat(StreamTestSupport.readAll(onServer).get(5, TimeUnit.SECONDS)).containsExactly(7);
        onServer.closeWrite().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(clientReads.get(5, TimeUnit.SECONDS)).isEmpty();
        StreamTestSupport.await("both streams closed", 5000,
                () -> pair.client.openStreamCount() == 0 && pair.server.openStreamCount() == 0);

        // never asked for until now
        assertThat(s.closeFuture().toCompletableFuture()).isCompleted();
        assertThat(onServer.closeFuture().toCompletableFuture()).isCompleted();
        // and the same future every time
        assertThat(s.closeFuture()).isSameAs(s.closeFuture());
    }

    @Test
    void futuresAskedForAfterTheConnectionWasLostFailOrCompleteWithTheLoss() throws Exception {
        start();
        SluiceStream s = openWithFirstByte((byte) 1);
        SluiceStream onServer = accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<?> askedBefore = s.closeFuture().toCompletableFuture();

        pair.clientChannel.close();
        StreamTestSupport.await("the server's stream layer ended", 5000, () -> pair.server.openStreamCount() == 0);
        assertThat(askedBefore.handle((v, e) -> e).get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);

        CompletableFuture<?> askedAfter = onServer.closeFuture().toCompletableFuture();
        assertThat(askedAfter.handle((v, e) -> e).get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
        assertThat(pair.server.terminationFuture().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ConnectionLostException.class);
        assertThat(pair.client.terminationFuture().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ConnectionLostException.class);
    }
}
