package dev.sluice.chaos.toxic;

import dev.sluice.chaos.random.DecisionListener;
import dev.sluice.chaos.random.DecisionSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A link for one toxic on a virtual clock: records what the toxic forwards, drops and does to
 * the connection, and runs scheduled tasks only when the test advances time.
 */
final class FakeLink implements ToxicContext {
    record Emitted(long atNanos, byte[] data) {
    }

    private record Task(long atNanos, long order, Runnable task) {
    }

    final List<Emitted> forwarded = new ArrayList<>();
    long droppedBytes;
    Long endedAtNanos;
    boolean closed;
    boolean reset;
    boolean receiverShutdown;
    private final List<ByteBuf> given = new ArrayList<>();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            (a, b) -> a.atNanos() != b.atNanos() ? Long.compare(a.atNanos(), b.atNanos()) : Long.compare(a.order(), b.order()));
    private final DecisionSource random;
    private final Toxic toxic;
    private long now;
    private long taskCount;
    private boolean removed;

    FakeLink(String type, Map<String, Long> attributes, long seed) {
        this(type, attributes, seed, null);
    }

    /** A link whose toxic replaces the toxic of {@code previous}, as an update does. */
    FakeLink(String type, Map<String, Long> attributes, long seed, FakeLink previous) {
        this.toxic = ToxicRegistry.find(type).orElseThrow().create(attributes);
        this.random = new DecisionSource(seed, "fake", DecisionListener.NONE);
        if (previous != null) {
            toxic.continueFrom(previous.toxic);
        }
        toxic.onStart(this);
    }

    void send(byte[] data) {
        ByteBuf buffer = Unpooled.wrappedBuffer(data.clone());
        given.add(buffer);
        toxic.onData(this, buffer);
    }

    void sendEnd() {
        toxic.onEnd(this);
    }

    void remove() {
        toxic.onRemove(this);
        removed = true;
    }

    void advanceMillis(long millis) {
        long until = now + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!tasks.isEmpty() && tasks.peek().atNanos() <= until) {
            Task task = tasks.poll();
            now = task.atNanos();
            if (!removed) {
                task.task().run();
            }
        }
        now = until;
    }

    byte[] forwardedBytes() {
        return forwarded.stream().map(Emitted::data)
                .reduce(new byte[0], (a, b) -> {
                    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
    }

    /** Every buffer given to the toxic was released exactly once it left. */
    boolean allReleased() {
        return given.stream().allMatch(b -> b.refCnt() == 0);
    }

    @Override
    public void forward(ByteBuf data) {
        forwarded.add(new Emitted(now, ByteBufUtil.getBytes(data)));
        data.release();
    }

    @Override
    public void drop(ByteBuf data) {
        droppedBytes += data.readableBytes();
        data.release();
    }

    @Override
    public void end() {
        endedAtNanos = now;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        tasks.add(new Task(now + Math.max(0, delayNanos), taskCount++, task));
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void closeConnection() {
        closed = true;
    }

    @Override
    public void resetConnection() {
        reset = true;
    }

    @Override
    public void shutdownReceiver() {
        receiverShutdown = true;
    }

    @Override
    public DecisionSource random() {
        return random;
    }
}
