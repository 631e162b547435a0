package dev.sluice.stream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking writer over {@link SluiceStream#write}: it gathers bytes up to one frame and waits
 * (at most the write timeout) until each full buffer is accepted, so a writer thread goes no faster than the peer's credit.
 * Not for event-loop threads (it would wait on itself). Not thread-safe, like most OutputStreams.
 */
final class StreamOutputStream extends OutputStream {
    private final SluiceStream stream;
    private final byte[] gather;
    private final Duration timeout;
    private int gathered;
    private boolean closed;

    StreamOutputStream(SluiceStream stream, int bufferBytes, Duration timeout) {
        this.stream = stream;
        this.timeout = timeout;
        this.gather = new byte[bufferBytes];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (gathered == gather.length) {
            flush();
        }
        gather[gathered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (gathered == gather.length) {
                flush();
            }
            int n = Math.min(len, gather.length - gathered);
            System.arraycopy(b, off, gather, gathered, n);
            gathered += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what was gathered and waits until the stream accepted it. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (gathered == 0) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(gathered);
        copy.put(gather, 0, gathered).flip();
        gathered = 0;
        await(stream.write(copy));
    }

    /** Flushes, then sends FIN and waits until it is handed to the connection. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        await(stream.closeWrite());
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream " + stream.id() + ": output stream closed");
        }
    }

    private void await(CompletionStage<Void> stage) throws IOException {
        try {
            stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new InterruptedIOException("stream " + stream.id() + ": a write was not accepted within "
                    + timeout.toMillis() + " ms (StreamConfig.writeTimeout): the peer grants no credit or the socket is stalled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing stream " + stream.id());
        }
    }
}
