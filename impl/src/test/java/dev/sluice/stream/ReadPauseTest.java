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
    void streamsReadOneAfterAnotherAllCompleteWhenEveryWindowFilledUp() throws Exception {
        // the client's limit on buffered bytes is the default: its window times its stream limit
        StreamConfig client = StreamConfig.builder().receiveWindow(WINDOW).maxConcurrentStreams(STREAMS).build();
        byte[] data = StreamTestSupport.randomBytes(3, BYTES_PER_STREAM);
        pair = new LocalMuxPair(client, StreamConfig.defaults(),
                (s, info) -> StreamTestSupport.writeAll(s, data, WINDOW / 2), StreamHandler.CANCEL_ALL);
        List<SluiceStream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(pair.client.openStream());
        }
        StreamTestSupport.await("the client pauses socket reads with every window full", 10_000, this::clientReadPaused);

        for (SluiceStream s : streams) {
            assertThat(StreamTestSupport.readAll(s).get(10, TimeUnit.SECONDS)).as("stream %d", s.id()).isEqualTo(data);
        }
    }

    private boolean clientReadPaused() {
        CompletableFuture<Boolean> paused = new CompletableFuture<>();
        pair.client.execute(() -> paused.complete(pair.client.readPaused()));
        return paused.join();
    }
}
