package dev.sluice.harness.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** An echo server in memory, with a hook that can damage what it echoes. */
final class InMemoryEchoTransport implements EchoTransport {
    private final UnaryOperator<byte[]> damage;
    private final List<BytePipe> pipes = new CopyOnWriteArrayList<>();
    private int refuseConnections;

    InMemoryEchoTransport(UnaryOperator<byte[]> damage) {
        this.damage = damage;
    }

    static InMemoryEchoTransport faithful() {
        return new InMemoryEchoTransport(UnaryOperator.identity());
    }

    InMemoryEchoTransport refusingFirst(int count) {
        refuseConnections = count;
        return this;
    }

    /** Breaks every stream, as a lost connection would. */
    void breakAll(String why) {
        pipes.forEach(p -> p.fail(why));
    }

    @Override
    public synchronized Connection connect() throws IOException {
        if (refuseConnections > 0) {
            refuseConnections--;
            throw new IOException("connection refused by the test");
        }
        return new Connection() {
            @Override
            public Stream openStream() {
                BytePipe up = new BytePipe();
                BytePipe down = new BytePipe();
                pipes.add(up);
                pipes.add(down);
                Thread echo = new Thread(() -> echo(up, down), "echo");
                echo.setDaemon(true);
                echo.start();
                return new Stream() {
                    @Override
                    public OutputStream output() {
                        return up.out;
                    }

                    @Override
                    public InputStream input() {
                        return down.in;
                    }

                    @Override
                    public void abort(String reason) {
                        up.fail(reason);
                        down.fail(reason);
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    private void echo(BytePipe up, BytePipe down) {
        byte[] buffer = new byte[1000];
        try {
            int n;
            while ((n = up.in.read(buffer)) >= 0) {
                down.out.write(damage.apply(java.util.Arrays.copyOf(buffer, n)));
            }
            down.out.close();
        } catch (IOException e) {
            down.fail(e.getMessage());
        }
    }
}
