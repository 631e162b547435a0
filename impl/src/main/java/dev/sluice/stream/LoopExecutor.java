package dev.sluice.stream;

import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;

/** Runs stream work on the connection's event loop, inline when already there. */
final class LoopExecutor {
    private volatile EventLoop loop;

    void attach(EventLoop eventLoop) {
        this.loop = eventLoop;
    }

    boolean attached() {
        return loop != null;
    }

    boolean inLoop() {
        EventLoop l = loop;
        return l != null && l.inEventLoop();
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs {@code task} on the loop; false when there is no loop (yet, or any more). */
    boolean execute(Runnable task) {
        EventLoop l = loop;
        if (l == null) {
            return false;
        }
        if (l.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            l.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
