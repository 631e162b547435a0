package dev.sluice.stream;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.protocol.StreamProtocol;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Echoes every inbound stream: writes back what it reads, one buffer at a time (so it reads no
 * faster than the peer takes the echo), closes its write side after the peer's FIN and aborts it
 * with the same code when the peer resets.
 */
public final class EchoHandler implements StreamHandler {
    public static final EchoHandler INSTANCE = new EchoHandler();

    private EchoHandler() {
    }

    @Override
    public void onStream(SluiceStream stream, ConnectionInfo connection) {
        stream.reads().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                stream.write(item).whenComplete((v, e) -> {
                    if (e == null) {
                        subscription.request(1);
                    } else {
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onError(Throwable t) {
                stream.abortWrite(t instanceof StreamException se ? se.code() : StreamProtocol.NO_ERROR);
            }

            @Override
            public void onComplete() {
                stream.closeWrite();
            }
        });
    }
}
