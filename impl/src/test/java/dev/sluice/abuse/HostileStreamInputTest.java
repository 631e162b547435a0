package dev.sluice.abuse;

import static dev.sluice.websocket.WireFrames.BINARY;
import static dev.sluice.websocket.WireFrames.CLOSE;
import static dev.sluice.websocket.WireFrames.client;
import static dev.sluice.websocket.WireFrames.clientText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.server.SluiceServer;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.Streams;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import dev.sluice.websocket.LogCapture;
import dev.sluice.websocket.RawWebSocket;
import dev.sluice.websocket.WireFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile peer speaking the stream protocol (sluice.v1) to a real TLS server: each violation
 * closes that connection with its own close code and reason and one server log line, a stream
 * beyond the limit is refused alone, and another connection on the same server keeps working.
 */
class HostileStreamInputTest {
    private static final int WINDOW = 16;
    private static final int MAX_STREAMS = 2;
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();

    private static SharedEventLoops loops;
    private static SluiceServer server;
    private static SluiceClient client;
    private static SluiceConnection bystander;

    private LogCapture log;

    @BeforeAll
    static void startServerAndABystander() throws Exception {
        loops = new SharedEventLoops();
        StreamConfig streams = StreamConfig.builder().receiveWindow(WINDOW).maxConcurrentStreams(MAX_STREAMS).build();
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO,
                Streams.server(streams, (stream, info) -> drainThenFinish(stream))).build());
        client = Loopback.newClient(loops, TlsProvider.AUTO, Streams.client(StreamConfig.defaults()));
        bystander = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        client.close();
        server.stopNow();
        loops.close();
    }

    @AfterEach
    void bystanderStillWorks() throws Exception {
        if (log != null) {
            log.close();
        }
        SluiceStream stream = Streams.session(bystander).openStreamAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
        stream.write(ByteBuffer.wrap(new byte[] {1, 2, 3})).toCompletableFuture().get(5, TimeUnit.SECONDS);
        stream.closeWrite().toCompletableFuture().get(5, TimeUnit.SECONDS);
        byte[] answer = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream.inputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(answer).as("the server's side of the stream: drained, then finished").isEmpty();
        stream.closeFuture().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(bystander.isOpen()).isTrue();
    }

    @Test
    void textMessageClosesWith4000() throws Exception {
        assertViolation(4000, "text message of 5 bytes; sluice.v1 carries stream frames in binary messages only",
                clientText("hello"));
    }

    @Test
    void malformedStreamFrameClosesWith4001() throws Exception {
        assertViolation(4001, "malformed frame: unknown frame type 0x9", message(0x09, 1));
    }

    @Test
    void frameForAStreamNeverOpenedClosesWith4002() throws Exception {
        assertViolation(4002, "DATA for stream 2, which is in this side's id space (server's ids are even) but was"
                + " never opened here", message(0x00, 2, 'x'));
    }

    @Test
    void dataBeyondTheCreditClosesWith4007() throws Exception {
        assertViolation(4007, "stream 1: 17 bytes of DATA with only 16 bytes of credit (window 16)",
                credit(1, WINDOW), message(0x00, 1, new byte[WINDOW + 1]));
    }

    @Test
    void frameForAFinishedStreamClosesWith4006() throws Exception {
        try (RawWebSocket hostile = open()) {
            hostile.send(credit(1, WINDOW), message(0x02, 1));
            awaitStreamFrame(hostile, 0x02, 1); // the server's FIN: stream 1 is now closed both ways
            hostile.send(message(0x00, 1, 'x'));
            assertClosedWith(hostile, 4006, "DATA for stream 1, which is closed; stream ids are never reused");
        }
    }

    @Test
    void reopeningAnIdOutOfOrderClosesWith4003() throws Exception {
        assertViolation(4003, "CREDIT opens stream 5 but the next id the client may open is 3",
                credit(1, WINDOW), credit(5, WINDOW));
    }

    @Test
    void aStreamBeyondTheLimitIsRefusedAloneAndTheConnectionLives() throws Exception {
        try (RawWebSocket hostile = open()) {
            hostile.send(credit(1, WINDOW), credit(3, WINDOW), credit(5, WINDOW));
            WireFrames.Frame refusal = awaitStreamFrame(hostile, 0x03, 5);
            assertThat(ByteBuffer.wrap(refusal.payload(), 5, 4).getInt()).isEqualTo(StreamProtocol.REFUSED);
            hostile.send(client(CLOSE, WireFrames.closePayload(1000, new byte[0])));
            List<WireFrames.Frame> rest = hostile.readUntilClosed();
            assertThat(rest).filteredOn(f -> f.opcode() == CLOSE).singleElement()
                    .satisfies(close -> assertThat(close.closeCode()).isEqualTo(1000));
        }
    }

    private void assertViolation(int code, String reason, byte[]... input) throws Exception {
        try (RawWebSocket hostile = open()) {
            hostile.send(input);
            assertClosedWith(hostile, code, reason);
        }
    }

    private RawWebSocket open() throws Exception {
        log = new LogCapture();
        return RawWebSocket.connect(server.localAddress(), "/sluice");
    }

    private void assertClosedWith(RawWebSocket hostile, int code, String reason) throws Exception {
        List<WireFrames.Frame> frames = hostile.readUntilClosed();
        assertThat(frames).filteredOn(f -> f.opcode() == CLOSE).as("close frames received").singleElement()
                .satisfies(close -> {
                    assertThat(close.closeCode()).isEqualTo(code);
                    assertThat(close.closeReason()).isEqualTo(reason);
                });
        assertThat(frames.get(frames.size() - 1).opcode()).as("the close frame comes last").isEqualTo(CLOSE);
        assertThat(log.linesContaining("R:/127.0.0.1:" + hostile.localPort() + "]")).as("server log lines")
                .singleElement().satisfies(line -> assertThat(line).contains("closing with " + code + ": " + reason));
    }

    /** Reads frames until a stream frame of {@code type} for {@code id} arrives (binary messages only). */
    private static WireFrames.Frame awaitStreamFrame(RawWebSocket hostile, int type, int id) throws Exception {
        while (true) {
            WireFrames.Frame frame = hostile.nextFrame();
            if (frame.opcode() == BINARY && frame.payload().length >= 5 && frame.payload()[0] == type
                    && ByteBuffer.wrap(frame.payload(), 1, 4).getInt() == id) {
                return frame;
            }
            assertThat(frame.opcode()).as("frame before the awaited one").isNotEqualTo(CLOSE);
        }
    }

    private static byte[] credit(int id, int increment) {
        return message(0x01, id, ByteBuffer.allocate(4).putInt(increment).array());
    }

    private static byte[] message(int type, int id, int... body) {
        byte[] bytes = new byte[body.length];
        for (int i = 0; i < body.length; i++) {
            bytes[i] = (byte) body[i];
        }
        return message(type, id, bytes);
    }

    private static byte[] message(int type, int id, byte[] body) {
        return client(BINARY, ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(id).put(body).array());
    }

    /** Reads every byte of an inbound stream, then ends the server's direction. */
    private static void drainThenFinish(SluiceStream stream) {
        stream.reads().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                stream.closeWrite();
            }
        });
    }
}
