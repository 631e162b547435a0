package dev.sluice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.Loopback;
import dev.sluice.testsupport.RecordingApplication;
import dev.sluice.testsupport.SharedEventLoops;
import dev.sluice.tls.TlsProvider;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 500 clients open TCP and send one byte a second of a TLS record that never completes: each is
 * dropped at the server's TLS handshake timeout, and a well-behaved client connects and echoes
 * meanwhile. About 1,000 sockets are open at the peak (both ends on loopback).
 */
class SlowLorisTest {
    private static final int LORISES = 500;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** A TLS handshake record header announcing 200 bytes, then its first bytes; sent one a second. */
    private static final byte[] TRICKLE = {0x16, 0x03, 0x01, 0x00, (byte) 0xC8, 0x01, 0x00, 0x00, (byte) 0xC4, 0x03};

    private final SharedEventLoops loops = new SharedEventLoops();
    private SluiceServer server;
    private SluiceClient client;
    private final List<Channel> lorises = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        lorises.forEach(Channel::close);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stopNow();
        }
        loops.close();
    }

    @Test
    void everySlowClientIsDroppedAtTheHandshakeTimeoutWhileAGoodClientEchoes() throws Exception {
        NodeIdentity identity = NodeIdentity.generate();
        server = SluiceServer.start(Loopback.server(loops, identity, TlsProvider.AUTO, RecordingApplication.echo())
                .tlsHandshakeTimeout(HANDSHAKE_TIMEOUT).upgradeTimeout(HANDSHAKE_TIMEOUT).build());
        List<Lifetime> lifetimes = new ArrayList<>();
        Bootstrap bootstrap = new Bootstrap().group(loops.workers).channel(loops.transport.channelClass());
        for (int i = 0; i < LORISES; i++) {
            Lifetime lifetime = new Lifetime();
            lifetimes.add(lifetime);
            lorises.add(bootstrap.clone().handler(lifetime).connect(server.localAddress()).sync().channel());
        }

        RecordingApplication clientApp = RecordingApplication.recorder();
        client = Loopback.newClient(loops, TlsProvider.AUTO, clientApp);
        long goodStart = System.nanoTime();
        SluiceConnection good = client.connect("127.0.0.1", server.port(), identity.nodeId()).get(10, TimeUnit.SECONDS);
        byte[] message = {4, 2};
        good.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
        assertThat(clientApp.nextHandler().awaitMessage()).isEqualTo(message);
        long goodMillis = (System.nanoTime() - goodStart) / 1_000_000;
        long openLorises = lorises.stream().filter(Channel::isActive).count();

        Await.until("every slow client is dropped", Duration.ofSeconds(30),
                () -> lifetimes.stream().allMatch(l -> l.closedAtNanos != 0));
        LongSummaryStatistics millis = lifetimes.stream().mapToLong(Lifetime::millis).summaryStatistics();
        int bytes = lifetimes.stream().mapToInt(l -> l.sent.get()).sum();
        System.out.println("slow loris: " + LORISES + " clients dropped after " + millis.getMin() + ".."
                + millis.getMax() + " ms (handshake timeout " + HANDSHAKE_TIMEOUT.toMillis() + " ms, " + bytes
                + " bytes trickled); the good client connected and echoed in " + goodMillis + " ms with "
                + openLorises + " slow clients still open");
        assertThat(openLorises).as("slow clients open while the good client echoed").isGreaterThan(0);
        assertThat(millis.getMin()).as("shortest slow client life, ms")
                // measured from the client's channelActive, which a busy event loop may run late
                .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.toMillis() - 500);
        assertThat(millis.getMax()).as("longest slow client life, ms")
                .isLessThan(HANDSHAKE_TIMEOUT.toMillis() + 15_000);
        assertThat(good.channel().isActive()).isTrue();
    }

    /** A slow client: one byte a second from connect until the server drops it. */
    private static final class Lifetime extends ChannelInboundHandlerAdapter {
        final AtomicInteger sent = new AtomicInteger();
        volatile long openedAtNanos;
        volatile long closedAtNanos;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            openedAtNanos = System.nanoTime();
            ctx.executor().scheduleAtFixedRate(() -> {
                int next = sent.get();
                if (ctx.channel().isActive() && next < TRICKLE.length) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(TRICKLE, next, 1));
                    sent.incrementAndGet();
                }
            }, 0, 1, TimeUnit.SECONDS);
            ctx.channel().closeFuture().addListener(f -> closedAtNanos = System.nanoTime());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        long millis() {
            return (closedAtNanos - openedAtNanos) / 1_000_000;
        }
    }
}
