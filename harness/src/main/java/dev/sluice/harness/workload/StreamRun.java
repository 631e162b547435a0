package dev.sluice.harness.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * One workload stream: a writer thread sends the stream's chunks and half-closes; a reader thread
 * verifies the echo until the end of the stream or an error. When both are done (or the run gives
 * up on it) the outcome is reported exactly once.
 */
final class StreamRun {
    private static final int READ_BUFFER = 16 * 1024;

    private final int id;
    private final ChunkWriter writer;
    private final StreamVerifier verifier;
    private final long startNanos;
    private final Consumer<StreamResult> onDone;
    private final long pauseAtBytes;
    private final long pauseMillis;
    private final long readDelayMillis;
    private final boolean abortHalfway;
    /** Set by the writer before it aborts on purpose; read by whoever reports. */
    private volatile boolean abortedOnPurpose;
    /** Read by the progress sampler; written by the writer and reader threads. */
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    /** Counts down the writer and the reader; the one reaching zero reports. */
    private final AtomicInteger partsRunning = new AtomicInteger(2);
    /** Set once by the first error of either direction. */
    private volatile String firstError;
    private volatile boolean reported;
    private volatile EchoTransport.Stream stream;
    /** When each chunk's write returned ({@link System#nanoTime}); 0 while not yet written. */
    private final AtomicLongArray writtenAt;
    private final ChunkRoundTrips roundTrips;
    private final int chunkSize;
    private final long totalBytes;

    StreamRun(int id, WorkloadConfig config, long startNanos, ChunkRoundTrips roundTrips,
            Consumer<StreamResult> onDone) {
        this.id = id;
        this.writer = new ChunkWriter(config.seed(), id, config.bytesPerStream(), config.chunkSize());
        this.verifier = new StreamVerifier(config.seed(), id, config.bytesPerStream(), config.chunkSize());
        this.startNanos = startNanos;
        this.onDone = onDone;
        this.pauseAtBytes = config.midStreamPause().isZero() ? Long.MAX_VALUE : config.bytesPerStream() / 2;
        this.pauseMillis = config.midStreamPause().toMillis();
        this.readDelayMillis = config.readDelay().toMillis();
        this.abortHalfway = config.aborts(id);
        this.writtenAt = new AtomicLongArray(Math.toIntExact(writer.chunkCount()));
        this.roundTrips = roundTrips;
        this.chunkSize = config.chunkSize();
        this.totalBytes = config.bytesPerStream();
    }

    int id() {
        return id;
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.get();
    }

    boolean reported() {
        return reported;
    }

    String sentDigest() {
        return writer.digestHex();
    }

    /** Starts both directions on an open stream. */
    void start(EchoTransport.Stream openStream) {
        this.stream = openStream;
        daemon("stream-" + id + "-writer", this::write).start();
        daemon("stream-" + id + "-reader", this::read).start();
    }

    /** The stream could not even be opened. */
    synchronized void failBeforeStart(String error) {
        firstError = error;
        report(StreamStatus.FAILED);
    }

    /** The run's deadline passed with this stream unfinished: report it hung and abandon it. */
    synchronized void giveUp(String why) {
        if (reported) {
            return;
        }
        firstError = why;
        report(StreamStatus.HUNG);
        EchoTransport.Stream open = stream;
        if (open != null) {
            open.abort(why);
        }
    }

    private void write() {
        try {
            OutputStream out = stream.output();
            boolean paused = false;
            int sequence = 0;
            while (writer.hasNext()) {
                if (abortHalfway && sent.get() >= writer.totalBytes() / 2) {
                    abortedOnPurpose = true;
                    stream.abort("aborted halfway on purpose");
                    break;
                }
                if (!paused && sent.get() >= pauseAtBytes) {
                    paused = true;
                    out.flush();
                    // Part of the workload: an idle stream must not look like a dead peer.
                    Thread.sleep(pauseMillis);
                }
                ByteBuffer chunk = writer.next();
                out.write(chunk.array(), chunk.arrayOffset(), chunk.remaining());
                writtenAt.set(sequence++, System.nanoTime());
                sent.addAndGet(chunk.remaining());
            }
            if (!abortedOnPurpose) {
                out.close();
            }
        } catch (IOException | RuntimeException e) {
            error("write failed after " + sent.get() + " bytes: " + describe(e));
        } catch (InterruptedException e) {
            error("write interrupted after " + sent.get() + " bytes");
        }
        partDone();
    }

    private void read() {
        byte[] buffer = new byte[READ_BUFFER];
        try {
            InputStream in = stream.input();
            int n;
            int nextChunk = 0;
            while ((n = in.read(buffer)) >= 0) {
                verifier.accept(buffer, 0, n);
                long total = received.addAndGet(n);
                nextChunk = recordRoundTrips(nextChunk, total);
                if (readDelayMillis > 0) {
                    // Part of the workload: a slow consumer, so credit back-pressure must hold the peer.
                    Thread.sleep(readDelayMillis);
                }
            }
            if (!abortedOnPurpose) {
                verifier.finish();
            }
        } catch (IOException | RuntimeException e) {
            error("read failed after " + received.get() + " bytes: " + describe(e));
        } catch (InterruptedException e) {
            error("read interrupted after " + received.get() + " bytes");
        }
        partDone();
    }

    /** Records every chunk whose echo is now complete; returns the first chunk still incomplete. */
    private int recordRoundTrips(int nextChunk, long receivedBytes) {
        long now = System.nanoTime();
        int chunk = nextChunk;
        while (chunk < writtenAt.length() && receivedBytes >= Math.min((chunk + 1L) * chunkSize, totalBytes)) {
            long written = writtenAt.get(chunk);
            if (written != 0) {
                roundTrips.record(now - written);
            }
            chunk++;
        }
        return chunk;
    }

    private void error(String error) {
        synchronized (this) {
            if (firstError == null) {
                firstError = error;
            }
        }
    }

    private void partDone() {
        if (partsRunning.decrementAndGet() == 0) {
            synchronized (this) {
                if (abortedOnPurpose) {
                    report(verifier.violation() == null ? StreamStatus.ABORTED : StreamStatus.CORRUPT);
                } else if (verifier.violation() != null) {
                    report(StreamStatus.CORRUPT);
                } else if (firstError != null) {
                    report(StreamStatus.FAILED);
                } else {
                    boolean digestsMatch = writer.digestHex().equals(verifier.digestHex());
                    report(verifier.intact() && digestsMatch ? StreamStatus.OK : StreamStatus.CORRUPT);
                }
            }
        }
    }

    /** Caller holds the monitor. */
    private void report(StreamStatus status) {
        if (reported) {
            return;
        }
        reported = true;
        Violation violation = verifier.violation();
        String error = switch (status) {
            case OK -> null;
            case ABORTED -> "aborted on purpose after " + sent.get() + " bytes";
            case CORRUPT -> violation == null ? "delivered bytes differ from those sent" : violation.toString();
            default -> firstError;
        };
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        onDone.accept(new StreamResult(id, status, sent.get(), received.get(), error, violation, millis));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
