package dev.sluice.rpc;

import dev.sluice.stream.SluiceStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** A raw handler's reader: writes back each ASCII chunk upper-cased, then FIN. */
final class UpperCaser implements Flow.Subscriber<ByteBuffer> {
    private final SluiceStream stream;

    UpperCaser(SluiceStream stream) {
        this.stream = stream;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        ByteBuffer out = ByteBuffer.allocate(chunk.remaining());
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            out.put(b >= 'a' && b <= 'z' ? (byte) (b - 32) : b);
        }
        stream.write(out.flip());
    }

    @Override
    public void onError(Throwable failure) {
        stream.abortWrite(0);
    }

    @Override
    public void onComplete() {
        stream.closeWrite();
    }
}
