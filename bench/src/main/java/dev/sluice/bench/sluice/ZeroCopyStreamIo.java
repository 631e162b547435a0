package dev.sluice.bench.sluice;

import dev.sluice.bench.load.Payloads;
import dev.sluice.stream.SluiceStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.Flow;

/**
 * The load generator's stream I/O where the transport takes and gives {@code ByteBuf}s, as the raw
 * Netty client does: each message is a pooled buffer stamped by {@link Payloads} and handed over
 * without a copy, and each received buffer is cut into echoes where it lies, then released. Only
 * loaded where the transport has zero-copy reads and writes ({@link ZeroCopyEcho#AVAILABLE}).
 */
final class ZeroCopyStreamIo implements Flow.Subscriber<ByteBuf> {
    private final SluiceEchoStream echo;

    private ZeroCopyStreamIo(SluiceEchoStream echo) {
        this.echo = echo;
    }

    static void subscribe(SluiceStream stream, SluiceEchoStream echo) {
        stream.byteBufReads().subscribe(new ZeroCopyStreamIo(echo));
    }

    /** Sends one stamped message; the stream takes the buffer. */
    static void send(SluiceStream stream, long intendedNanos, int sizeBytes) {
        stream.write(Payloads.stamped(ByteBufAllocator.DEFAULT, intendedNanos, sizeBytes));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuf item) {
        try {
            echo.received(item);
        } finally {
            item.release();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // the load generator sees the missing echoes as unanswered messages
    }

    @Override
    public void onComplete() {
        // the echo ended its side after ours: nothing left to count
    }
}
