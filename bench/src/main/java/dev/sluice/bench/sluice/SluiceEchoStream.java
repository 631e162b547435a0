package dev.sluice.bench.sluice;

import dev.sluice.bench.load.EchoConnection;
import dev.sluice.bench.load.EchoSink;
import dev.sluice.bench.load.Payloads;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.stream.SluiceStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * One echo stream. A stream is a byte stream, so messages are cut back out of it by size: every
 * message of a run has the same size (the first send fixes it), and each starts with its stamp.
 */
final class SluiceEchoStream implements EchoConnection, Flow.Subscriber<ByteBuffer> {

    private final SluiceConnection connection;
    private final SluiceStream stream;
    private final EchoSink sink;
    /** Fixed by the first send (any thread); read by the stream's event loop while parsing. */
    private volatile int messageBytes;
    /** Parser state: touched only in onNext, on the stream's event loop. */
    private int position;
    private long stamp;

    private SluiceEchoStream(SluiceConnection connection, SluiceStream stream, EchoSink sink) {
        this.connection = connection;
        this.stream = stream;
        this.sink = sink;
    }

    static SluiceEchoStream attach(SluiceConnection connection, SluiceStream stream, EchoSink sink) {
        SluiceEchoStream echo = new SluiceEchoStream(connection, stream, sink);
        if (ZeroCopyEcho.AVAILABLE) {
            // parsing keeps no buffer beyond onNext: a view of each received buffer does
            ZeroCopyReads.subscribe(stream, echo);
        } else {
            stream.reads().subscribe(echo);
        }
        return echo;
    }

    @Override
    public void send(long intendedNanos, int sizeBytes) {
        if (messageBytes == 0) {
            messageBytes = sizeBytes;
        } else if (messageBytes != sizeBytes) {
            throw new IllegalArgumentException("a Sluice echo stream carries one message size ("
                    + messageBytes + " bytes), not " + sizeBytes);
        }
        // one buffer per message, so that every message travels as full data frames (a separate
        // stamp write would add a tiny frame per message that the raw client does not send)
        ByteBuffer message = ByteBuffer.allocate(sizeBytes);
        message.putLong(0, intendedNanos);
        stream.write(message);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        int size = messageBytes;
        while (chunk.hasRemaining()) {
            if (position == 0 && chunk.remaining() >= size) {
                // a whole message in this chunk: read its stamp in one go
                long wholeStamp = chunk.getLong(chunk.position());
                chunk.position(chunk.position() + size);
                sink.echoed(this, wholeStamp);
                continue;
            }
            if (position < Payloads.TIMESTAMP_BYTES) {
                stamp = (stamp << 8) | (chunk.get() & 0xFF);
                position++;
            } else {
                int skip = Math.min(chunk.remaining(), size - position);
                chunk.position(chunk.position() + skip);
                position += skip;
            }
            if (position == size) {
                sink.echoed(this, stamp);
                position = 0;
                stamp = 0;
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        // the load generator sees the missing echoes as unanswered messages
    }

    @Override
    public void onComplete() {
        // the echo ended its side after ours: nothing left to count
    }

    @Override
    public void close() {
        stream.close();
        connection.close(1000, "benchmark done");
    }
}
