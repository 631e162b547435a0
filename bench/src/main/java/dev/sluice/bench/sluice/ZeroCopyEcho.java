package dev.sluice.bench.sluice;

import dev.sluice.bench.control.Handicap;
import dev.sluice.stream.SluiceStream;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bench echo over zero-copy reads and writes: each received buffer is written back as is, and
 * the next one is asked for once the write went out (at once, with no callback, when the stream
 * says so). Only loaded where the transport has this API: the class is never touched otherwise, so
 * the bench still runs against revisions from before it.
 */
final class ZeroCopyEcho implements Flow.Subscriber<ByteBuf> {
    static final boolean AVAILABLE = hasZeroCopyApi();

    private final SluiceStream stream;
    private final Handicap handicap;
    private final LongAdder bytesEchoed;
    private Flow.Subscription subscription;

    private ZeroCopyEcho(SluiceStream stream, Handicap handicap, LongAdder bytesEchoed) {
        this.stream = stream;
        this.handicap = handicap;
        this.bytesEchoed = bytesEchoed;
    }

    static void attach(SluiceStream stream, Handicap handicap, LongAdder bytesEchoed) {
        stream.byteBufReads().subscribe(new ZeroCopyEcho(stream, handicap, bytesEchoed));
    }

    private static boolean hasZeroCopyApi() {
        try {
            SluiceStream.class.getMethod("byteBufReads");
            SluiceStream.class.getMethod("write", ByteBuf.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuf item) {
        handicap.burn();
        bytesEchoed.add(item.readableBytes());
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
        // the peer reset or the connection ended: nothing left to echo; the stream closes
        stream.close();
    }

    @Override
    public void onComplete() {
        stream.closeWrite();
    }
}
