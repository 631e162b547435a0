package dev.sluice.websocket;

import static dev.sluice.websocket.WireFrames.BINARY;
import static dev.sluice.websocket.WireFrames.CLOSE;
import static dev.sluice.websocket.WireFrames.CONTINUATION;
import static dev.sluice.websocket.WireFrames.TEXT;
import static dev.sluice.websocket.WireFrames.client;
import static dev.sluice.websocket.WireFrames.closePayload;
import static dev.sluice.websocket.WireFrames.concat;
import static dev.sluice.websocket.WireFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile peer on a real TLS server: each broken input gets one close frame with the right code
 * and reason, one log line on the server, and leaves another connection on the same server working.
 */
class HostileWebSocketInputTest {
    private static final int MAX_FRAME = 1024;
    private static final int MAX_MESSAGE = 4096;
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();

    private static SharedEventLoops loops;
    private static SluiceServer server;
    private static SluiceClient client;
    private static SluiceConnection bystander;
    private static RecordingApplication.Handler bystanderApp;

    @BeforeAll
    static void startServerAndABystander() throws Exception {
        loops = new SharedEventLoops();
        ConnectionConfig limits = Loopback.FAST.toBuilder().maxFrameSize(MAX_FRAME).maxMessageSize(MAX_MESSAGE).build();
        server = SluiceServer.start(Loopback.server(loops, IDENTITY, TlsProvider.AUTO, RecordingApplication.echo())
                .connection(limits).build());
        RecordingApplication clientApp = RecordingApplication.recorder();
        client = Loopback.newClient(loops, TlsProvider.AUTO, clientApp);
        bystander = client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS);
        bystanderApp = clientApp.nextHandler();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        client.close();
        server.stopNow();
        loops.close();
    }

    static Stream<Arguments> hostileInputs() {
        byte[] kib = new byte[MAX_FRAME];
        return Stream.of(
                Arguments.of("message over the configured maximum", concat(frame(false, 0, BINARY, true, kib),
                        frame(false, 0, CONTINUATION, true, kib), frame(false, 0, CONTINUATION, true, kib),
                        frame(false, 0, CONTINUATION, true, kib), frame(true, 0, CONTINUATION, true, new byte[] {1})),
                        1009, "message of at least 4097 bytes exceeds the limit of 4096 bytes"),
                Arguments.of("header announcing a huge length", WireFrames.header64(BINARY, Long.MAX_VALUE),
                        1009, "frame of 9223372036854775807 bytes exceeds the limit of 1024 bytes"),
                Arguments.of("invalid UTF-8 in a close reason",
                        client(CLOSE, closePayload(1000, new byte[] {'o', 'k', (byte) 0xED, (byte) 0xA0, (byte) 0x80})),
                        1007, "invalid UTF-8 in the close reason"),
                Arguments.of("client frame without a mask", frame(true, 0, BINARY, false, new byte[] {1, 2}),
                        1002, "client frame without a mask"),
                Arguments.of("reserved opcode", frame(true, 0, 0x3, true, new byte[] {1}),
                        1002, "reserved opcode 3"),
                Arguments.of("reserved bit", frame(true, 2, BINARY, true, new byte[] {1}),
                        1002, "reserved bits set without a negotiated extension"),
                Arguments.of("invalid UTF-8 in a text message", client(TEXT, new byte[] {'a', (byte) 0xFF}),
                        1007, "invalid UTF-8 in a text message"),
                Arguments.of("invalid close code", client(CLOSE, closePayload(1006, new byte[0])),
                        1002, "invalid close code 1006"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void hostileInputGetsOneCloseFrameOneLogLineAndSparesOtherConnections(String name, byte[] input, int code,
            String reason) throws Exception {
        List<WireFrames.Frame> answer;
        int port;
        try (LogCapture log = new LogCapture(); RawWebSocket hostile = RawWebSocket.connect(server.localAddress(),
                "/sluice")) {
            port = hostile.localPort();
            hostile.send(input);
            answer = hostile.readUntilClosed();
            assertThat(answer).as("frames the hostile peer received").singleElement().satisfies(close -> {
                assertThat(close.opcode()).isEqualTo(CLOSE);
                assertThat(close.closeCode()).isEqualTo(code);
                assertThat(close.closeReason()).isEqualTo(reason);
            });
            assertThat(log.linesContaining("R:/127.0.0.1:" + port + "]")).as("server log lines")
                    .singleElement().satisfies(line -> assertThat(line).contains("closing with " + code + ": " + reason));
        }
        byte[] ping = ("still here after " + name).getBytes(StandardCharsets.UTF_8);
        bystander.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ping)));
        assertThat(bystanderApp.awaitMessage()).isEqualTo(ping);
        assertThat(bystander.channel().isActive()).isTrue();
    }
}
