package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.SluiceServer;
import dev.sluice.testsupport.LoopbackFixture;
import dev.sluice.tls.TlsProvider;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The header-then-body write pattern (a small write, then the large rest of each message) with the
 * default window, over TLS loopback: a closed-loop echo with several messages in flight, whose
 * total fills the whole window, must keep moving. A credit batch that a tiny frame left short must
 * never leave the writer waiting for a grant that only more reads would send.
 */
class HeaderThenBodyEchoTest {
    private static final NodeIdentity IDENTITY = NodeIdentity.generate();
    private static final int HEADER_BYTES = 8;
    @RegisterExtension
    static final LoopbackFixture net = LoopbackFixture.withSimpleLeakDetection();

    @Test
    void headerThenBodyEchoOfMessagesFillingTheWindowCompletes() throws Exception {
        SluiceStream s = connect();
        // 4 x 64 KiB in flight: exactly the default window of 256 KiB
        assertThat(echoClosedLoop(s, 64 * 1024, 4, 200).get(60, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void headerThenBodyEchoOfMessagesLargerThanTheWindowCompletes() throws Exception {
        SluiceStream s = connect();
        assertThat(echoClosedLoop(s, 1024 * 1024, 2, 16).get(60, TimeUnit.SECONDS)).isEqualTo(16);
    }

    private SluiceStream connect() throws Exception {
        SluiceServer server = net.startServer(IDENTITY, TlsProvider.AUTO, null, b -> b.streamHandler(EchoHandler.INSTANCE));
        SluiceClient client = net.startClient(TlsProvider.AUTO, null, b -> b.streams());
        return Streams.session(client.connect("127.0.0.1", server.port(), IDENTITY.nodeId()).get(10, TimeUnit.SECONDS))
                .openStream();
    }

    /**
     * Keeps {@code inFlight} messages of {@code size} bytes outstanding, each written as an 8-byte
     * header and then its body, the next one as soon as one is echoed in full.
     *
     * @return completes with the number of messages echoed once all {@code messages} came back
     */
    private static CompletableFuture<Integer> echoClosedLoop(SluiceStream s, int size, int inFlight, int messages) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicInteger sent = new AtomicInteger();
        Runnable sendNext = () -> {
            int n = sent.getAndIncrement();
            if (n < messages) {
                s.write(ByteBuffer.allocate(HEADER_BYTES).putLong(0, n));
                s.write(ByteBuffer.allocate(size - HEADER_BYTES));
            }
        };
        s.reads().subscribe(new Flow.Subscriber<>() {
            private long received;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                long before = received / size;
                received += chunk.remaining();
                for (long m = before; m < received / size; m++) {
                    sendNext.run();
                }
                if (received == (long) size * messages) {
                    done.complete(messages);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
            }
        });
        for (int i = 0; i < inFlight; i++) {
            sendNext.run();
        }
        return done;
    }
}
