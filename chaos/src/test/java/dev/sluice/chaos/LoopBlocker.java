package dev.sluice.chaos;

import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps an event loop busy with one task until released (or a liveness bound passes). */
final class LoopBlocker {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private LoopBlocker() {
    }

    /** Returns once {@code loop} is running the blocking task, so nothing else runs on it. */
    static LoopBlocker block(EventLoop loop, long maxMillis) throws InterruptedException {
        LoopBlocker blocker = new LoopBlocker();
        loop.execute(() -> {
            blocker.started.countDown();
            try {
                blocker.released.await(maxMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!blocker.started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the event loop did not start the blocking task");
        }
        return blocker;
    }

    void release() {
        released.countDown();
    }
}
