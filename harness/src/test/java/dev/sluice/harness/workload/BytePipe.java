package dev.sluice.harness.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A bounded in-memory pipe with a clean end and a failure, standing in for one stream direction. */
final class BytePipe {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(64);
    private volatile String failure;
    private byte[] current = END;
    private int position;
    private boolean ended;

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            failIfBroken();
            put(Arrays.copyOfRange(b, off, off + len));
        }

        @Override
        public void close() throws IOException {
            put(END);
        }
    };

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                failIfBroken();
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                failIfBroken();
                position = 0;
                if (current == END) {
                    ended = true;
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    };

    /** Fails both ends: blocked and later reads and writes throw. */
    void fail(String why) {
        failure = why;
        queue.clear();
        queue.offer(new byte[] {0});
    }

    private void put(byte[] bytes) throws IOException {
        try {
            queue.put(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void failIfBroken() throws IOException {
        if (failure != null) {
            throw new IOException("connection lost: " + failure);
        }
    }
}
