package dev.sluice.chaos.proxy;

import dev.sluice.chaos.random.DecisionSource;
import dev.sluice.chaos.toxic.Toxic;
import dev.sluice.chaos.toxic.ToxicContext;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;

/**
 * One toxic's place in a {@link Link}: the context the toxic acts through. Touched only on the
 * connection's event loop.
 */
final class Stage implements ToxicContext {
    private final Link link;
    private final ToxicSpec spec;
    private final DecisionSource random;
    /** Null when the toxicity draw left this link untouched by the toxic: data then passes through. */
    private final Toxic toxic;
    /** False once the toxic left the link: its late timers and forwards are ignored. */
    private boolean active = true;
    private boolean endPassed;

    Stage(Link link, ToxicSpec spec, DecisionSource random) {
        this.link = link;
        this.spec = spec;
        this.random = random;
        this.toxic = random.nextUnit("toxicity") < spec.toxicity() ? spec.instantiate() : null;
    }

    ToxicSpec spec() {
        return spec;
    }

    void start() {
        if (toxic != null) {
            toxic.onStart(this);
        }
    }

    /** Starts this stage in place of {@code previous}, which has already left the link. */
    void startReplacing(Stage previous) {
        if (toxic != null && previous.toxic != null) {
            toxic.continueFrom(previous.toxic);
        }
        start();
    }

    void receive(ByteBuf data) {
        if (toxic == null) {
            forward(data);
        } else {
            toxic.onData(this, data);
        }
    }

    void receiveEnd() {
        if (toxic == null) {
            end();
        } else {
            toxic.onEnd(this);
        }
    }

    /** Takes the toxic off the link; it first passes on what it holds. */
    void remove() {
        if (toxic != null && active) {
            toxic.onRemove(this);
        }
        active = false;
    }

    @Override
    public void forward(ByteBuf data) {
        if (active) {
            link.deliverAfter(this, data);
        } else {
            link.discard(data);
        }
    }

    @Override
    public void drop(ByteBuf data) {
        link.discard(data);
    }

    @Override
    public void end() {
        if (active && !endPassed) {
            endPassed = true;
            link.endAfter(this);
        }
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        link.eventLoop().schedule(() -> {
            if (active) {
                task.run();
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void closeConnection() {
        link.connection().close();
    }

    @Override
    public void resetConnection() {
        link.connection().reset();
    }

    @Override
    public void shutdownReceiver() {
        link.shutdownReceiver();
    }

    @Override
    public DecisionSource random() {
        return random;
    }
}
