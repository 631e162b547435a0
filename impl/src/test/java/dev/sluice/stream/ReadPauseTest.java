package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Socket reads paused because readers are behind must not stall a stream that is being read. */
class ReadPauseTest {
    private static final int WINDOW = 1024;
    private static final int STREAMS = 3;
    private static final int BYTES_PER_STREAM = 4 * WINDOW;

    private LocalMuxPair pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void streamsReadOneAfterAnotherAllCompleteWhenTheirWindowsPausedReads() throws Exception {
        // below the sum of the windows: full windows on the streams not read yet keep reads paused
        StreamConfig client = StreamConfig.builder().receiveWindow(WINDOW).maxBufferedBytesPerConnection(2 * WINDOW)
                .build();
        byte[] data = StreamTestSupport.randomBytes(3, BYTES_PER_STREAM);
        pair = new LocalMuxPair(client, StreamConfig.defaults(),
                (s, info) -> StreamTestSupport.writeAll(s, data, WINDOW / 2), StreamHandler.CANCEL_ALL);
        List<SluiceStream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(pair.client.openStream());
        }
        StreamTestSupport.await("the client pauses socket reads", 10_000, this::clientReadPaused);

        for (SluiceStream s : streams) {
            assertThat(StreamTestSupport.readAll(s).get(10, TimeUnit.SECONDS)).as("stream %d", s.id()).isEqualTo(data);
        }
    }

    @Test
    void anEchoWhoseWindowsAreAllFullKeepsReadingTheCreditItsWritesWaitFor() throws Exception {
        // the server's limit on buffered bytes is the default, reached exactly when both windows are full
        StreamConfig server = StreamConfig.builder().receiveWindow(WINDOW).maxConcurrentStreams(2).build();
        StreamConfig client = StreamConfig.builder().receiveWindow(WINDOW).build();
        byte[] data = StreamTestSupport.randomBytes(5, BYTES_PER_STREAM);
        pair = new LocalMuxPair(client, server, EchoHandler.INSTANCE, StreamHandler.CANCEL_ALL);
        List<SluiceStream> streams = List.of(pair.client.openStream(), pair.client.openStream());
        for (SluiceStream s : streams) {
            StreamTestSupport.writeAll(s, data, WINDOW / 4);
        }
        // the echo used up the client's window on both streams, then the server's windows filled up
        StreamTestSupport.await("every server window full", 10_000, () -> onLoop(pair.server, pair.server::bufferedBytes) == 2 * WINDOW);

        for (SluiceStream s : streams) {
            assertThat(StreamTestSupport.readAll(s).get(10, TimeUnit.SECONDS)).as("stream %d", s.id()).isEqualTo(data);
        }
    }

    private static <T> T onLoop(StreamMultiplexer mux, java.util.function.Supplier<T> read) {
        CompletableFuture<T> value = new CompletableFuture<>();
        mux.execute(() -> value.complete(read.get()));
        return value.join();
    }

    private boolean clientReadPaused() {
        CompletableFuture<Boolean> paused = new CompletableFuture<>();
        pair.client.execute(() -> paused.complete(pair.client.readPaused()));
        return paused.join();
    }
}
