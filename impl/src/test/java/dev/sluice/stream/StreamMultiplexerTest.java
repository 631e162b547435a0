package dev.sluice.stream;

import static dev.sluice.stream.StreamTestSupport.randomBytes;
import static dev.sluice.stream.StreamTestSupport.readAll;
import static dev.sluice.stream.StreamTestSupport.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamMultiplexerTest {
    private LocalMuxPair pair;

    @AfterEach
    void tearDown() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void echoesOneStreamAndClosesItBothWays() throws Exception {
        pair = LocalMuxPair.echo(StreamConfig.builder().receiveWindow(64 * 1024).build());
        SluiceStream s = pair.client.openStream();
        byte[] data = randomBytes(1, 300_000);
        CompletableFuture<byte[]> echoed = readAll(s);
        writeAll(s, data, 10_000).get(10, TimeUnit.SECONDS);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo(data);
        s.closeFuture().toCompletableFuture().get(5, TimeUnit.SECONDS);
        StreamTestSupport.await("both sides forget the stream", 5000,
                () -> pair.client.openStreamCount() == 0 && pair.server.openStreamCount() == 0);
    }

    @Test
    void halfClosedStreamKeepsFlowingTheOtherWay() throws Exception {
        CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
        pair = new LocalMuxPair(StreamConfig.defaults(), StreamConfig.defaults(), (st, info) -> accepted.complete(st),
                StreamHandler.CANCEL_ALL);
        SluiceStream client = pair.client.openStream();
        client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        client.closeWrite().toCompletableFuture().get(5, TimeUnit.SECONDS);
        SluiceStream server = accepted.get(5, TimeUnit.SECONDS);
        assertThat(readAll(server).get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);

        CompletableFuture<byte[]> clientReads = readAll(client);
        byte[] reply = randomBytes(2, 100_000);
        writeAll(server, reply, 4096).get(5, TimeUnit.SECONDS);
        assertThat(clientReads.get(5, TimeUnit.SECONDS)).isEqualTo(reply);
        client.closeFuture().toCompletableFuture().get(5, TimeUnit.SECONDS);
        server.closeFuture().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void abortedWriteReachesThePeerReaderWithItsCode() throws Exception {
        CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
        pair = new LocalMuxPair(StreamConfig.defaults(), StreamConfig.defaults(), (st, info) -> accepted.complete(st),
                StreamHandler.CANCEL_ALL);
        SluiceStream client = pair.client.openStream();
        client.write(ByteBuffer.wrap(new byte[10]));
        client.abortWrite(42);
        SluiceStream server = accepted.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> readAll(server).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(StreamResetException.class)
                .hasMessage("stream 1 was reset by the peer with code 42");
        assertThatThrownBy(() -> client.write(ByteBuffer.wrap(new byte[1])).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StreamResetException.class).hasMessageContaining("aborted by this side with code 42");
    }

    @Test
    void cancelledReadFailsThePeerWriterWithItsCode() throws Exception {
        CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
        pair = new LocalMuxPair(StreamConfig.builder().receiveWindow(1024).build(), StreamConfig.defaults(),
                (st, info) -> accepted.complete(st), StreamHandler.CANCEL_ALL);
        SluiceStream client = pair.client.openStream();
        client.write(ByteBuffer.wrap(new byte[1]));
        SluiceStream server = accepted.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> blocked = writeAll(server, new byte[100_000], 1000);
        client.cancelRead(7);
        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(StreamStoppedException.class)
                .hasMessage("stream 1: the peer stopped reading with code 7");
        assertThat(((StreamStoppedException) catchCause(blocked)).code()).isEqualTo(7);
    }

    @Test
    void streamsBeyondThePeerLimitAreRefusedAndTheConnectionLivesOn() throws Exception {
        CompletableFuture<SluiceStream> first = new CompletableFuture<>();
        pair = new LocalMuxPair(StreamConfig.defaults(), StreamConfig.builder().maxConcurrentStreams(1).build(),
                (st, info) -> first.complete(st), StreamHandler.CANCEL_ALL);
        SluiceStream one = pair.client.openStream();
        one.write(ByteBuffer.wrap(new byte[1]));
        first.get(5, TimeUnit.SECONDS);
        SluiceStream two = pair.client.openStream();
        CompletableFuture<Void> refusedWrite = two.write(ByteBuffer.wrap(new byte[1])).toCompletableFuture();
        assertThatThrownBy(() -> refusedWrite.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(StreamStoppedException.class).hasMessageContaining("REFUSED");
        assertThatThrownBy(() -> readAll(two).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(StreamResetException.class).matches(e -> ((StreamException) e).refused());
        // the first stream still works both ways
        CompletableFuture<byte[]> serverReads = readAll(first.get());
        one.write(ByteBuffer.wrap(new byte[] {8}));
        one.closeWrite();
        writeAll(first.get(), new byte[] {9}, 1).get(5, TimeUnit.SECONDS);
        assertThat(readAll(one).get(5, TimeUnit.SECONDS)).containsExactly(9);
        assertThat(serverReads.get(5, TimeUnit.SECONDS)).containsExactly(0, 8);
    }

    @Test
    void aStreamWhoseReaderStoppedDoesNotStallTheOthers() throws Exception {
        java.util.concurrent.ConcurrentHashMap<Integer, SluiceStream> onServer = new java.util.concurrent.ConcurrentHashMap<>();
        StreamConfig config = StreamConfig.builder().receiveWindow(16 * 1024).build();
        pair = new LocalMuxPair(config, config, (st, info) -> onServer.put(st.id(), st), StreamHandler.CANCEL_ALL);
        SluiceStream stalled = pair.client.openStream();
        CompletableFuture<Void> stalledWrites = writeAll(stalled, new byte[1 << 20], 16 * 1024);
        SluiceStream flowing = pair.client.openStream();
        byte[] data = randomBytes(5, 1 << 20);
        CompletableFuture<Void> flowingWrites = writeAll(flowing, data, 16 * 1024);
        StreamTestSupport.await("both streams accepted", 5000, () -> onServer.size() == 2);

        assertThat(readAll(onServer.get(flowing.id())).get(20, TimeUnit.SECONDS)).isEqualTo(data);
        flowingWrites.get(5, TimeUnit.SECONDS);
        assertThat(stalledWrites).as("the stalled stream still waits for credit").isNotDone();
        assertThat(stalled.outstandingWriteBytes()).isGreaterThanOrEqualTo(16 * 1024);
        readAll(onServer.get(stalled.id()));
        stalledWrites.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aThrowingStreamHandlerAbortsOnlyItsStreamWithHandlerFailed() throws Exception {
        pair = new LocalMuxPair(StreamConfig.defaults(), StreamConfig.defaults(), (st, info) -> {
            if (st.id() == 1) {
                throw new IllegalStateException("handler bug");
            }
            EchoHandler.INSTANCE.onStream(st, info);
        }, StreamHandler.CANCEL_ALL);
        SluiceStream broken = pair.client.openStream();
        assertThatThrownBy(() -> readAll(broken).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(StreamResetException.class).hasMessage("stream 1 was reset by the peer with code "
                        + "HANDLER_FAILED (the stream handler threw)");
        SluiceStream fine = pair.client.openStream();
        CompletableFuture<byte[]> echoed = readAll(fine);
        writeAll(fine, new byte[] {5}, 1).get(5, TimeUnit.SECONDS);
        assertThat(echoed.get(5, TimeUnit.SECONDS)).containsExactly(5);
    }

    @Test
    void cancelReadWakesAThreadBlockedInTheInputStream() throws Exception {
        pair = new LocalMuxPair(StreamConfig.defaults(), StreamConfig.defaults(), (st, info) -> { },
                StreamHandler.CANCEL_ALL);
        SluiceStream s = pair.client.openStream();
        var in = s.inputStream();
        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        s.cancelRead(3);
        assertThat(catchCauseWithin(blocked, 5)).isInstanceOf(java.io.UncheckedIOException.class)
                .cause().isInstanceOf(StreamCancelledException.class)
                .hasMessage("stream 1: reading was cancelled by this side with code 3");
    }

    @Test
    void inputAndOutputStreamAdaptersCarryBytesBlockingly() throws Exception {
        pair = LocalMuxPair.echo(StreamConfig.builder().receiveWindow(8192).build());
        SluiceStream s = pair.client.openStream();
        byte[] data = randomBytes(3, 200_000);
        CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> {
            try (var in = s.inputStream()) {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (var out = s.outputStream()) {
            for (int i = 0; i < data.length; i += 777) {
                out.write(data, i, Math.min(777, data.length - i));
            }
        }
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo(data);
    }

    static Throwable catchCause(CompletableFuture<?> f) {
        return catchCauseWithin(f, 1);
    }

    static Throwable catchCauseWithin(CompletableFuture<?> f, int seconds) {
        try {
            f.get(seconds, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
