package dev.sluice.bench.sluice;

import dev.sluice.bench.control.Handicap;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Sluice target's echo, written against the public stream API only. Where the transport has
 * zero-copy reads and writes ({@link ZeroCopyEcho}, as the reference server's echo uses them), it
 * echoes the received buffers themselves; against an older revision (an A/B baseline) it falls
 * back to the copying API. Either way it writes back each buffer it reads, asking for the next one when the write completed (so it reads no faster than the
 * peer takes the echo), and closes its write side after the peer's. Counts the bytes it echoes,
 * and does the {@link Handicap}'s extra work once per buffer read (one per DATA frame: one per
 * message for the small-message scenarios).
 */
final class BenchEchoHandler implements StreamHandler {
    private final LongAdder bytesEchoed = new LongAdder();
    private final Handicap handicap;

    BenchEchoHandler(Handicap handicap) {
        this.handicap = handicap;
    }

    long bytesEchoed() {
        return bytesEchoed.sum();
    }

    @Override
    public void onStream(SluiceStream stream, ConnectionInfo connection) {
        if (ZeroCopyEcho.AVAILABLE) {
            ZeroCopyEcho.attach(stream, handicap, bytesEchoed);
            return;
        }
        stream.reads().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                handicap.burn();
                bytesEchoed.add(item.remaining());
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
                // the peer reset or the connection ended: nothing left to echo; the stream closes
                stream.close();
            }

            @Override
            public void onComplete() {
                stream.closeWrite();
            }
        });
    }
}
