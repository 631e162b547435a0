package dev.sluice.stream;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.protocol.StreamProtocol;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Echoes every inbound stream: writes back what it reads, the received buffers themselves (no
 * copy), one at a time (so it reads no faster than the peer takes the echo), closes its write side
 * after the peer's FIN and aborts it with the same code when the peer resets.
 */
public final class EchoHandler implements StreamHandler {
    public static final EchoHandler INSTANCE = new EchoHandler();

    private EchoHandler() {
    }

    @Override
    public void onStream(SluiceStream stream, ConnectionInfo connection) {
        stream.byteBufReads().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuf item) {
                CompletionStage<Void> written = stream.write(item);
                if (written == SluiceStream.WRITTEN) {
                    subscription.request(1);
                    return;
                }
                written.whenComplete((v, e) -> {
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
