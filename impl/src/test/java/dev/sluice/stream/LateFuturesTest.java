package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionLostException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream's close future and a session's termination future are created only when someone asks
 * for them; asked for after the event, they are already complete, with the same outcome as when
 * asked for before it.
 */
class LateFuturesTest {
    private final CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
    private LocalMuxPair pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    private void start() throws Exception {
        StreamConfig config = StreamConfig.builder().build();
        pair = new LocalMuxPair(config, config, (s, info) -> accepted.complete(s), StreamHandler.CANCEL_ALL);
    }

    @Test
    void closeFutureAskedForAfterBothDirectionsEndedIsAlreadyCompleteNormally() throws Exception {
        start();
        SluiceStream s = pair.client.openStream();
        s.write(ByteBuffer.wrap(new byte[] {7}));
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
        SluiceStream s = pair.client.openStream();
        s.write(ByteBuffer.wrap(new byte[] {1}));
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
