package dev.sluice.stream;

import io.netty.channel.ChannelConfig;

/**
 * The connection-wide account of inbound memory: bytes buffered for readers (socket reads pause
 * while they exceed the limit) and the receive-window growth the streams share. The one owner of
 * the read-pause state. Event loop only.
 *
 * <p>Reads pause only when the limit is exceeded, not reached: at the default, every window full
 * is ordinary back-pressure, and a paused socket also holds back the CREDIT frames that the
 * readers' own writes may wait for. They resume as soon as readers are back within the limit.
 */
final class InboundBudget {
    private final long maxBuffered;
    private long growthLeft;
    private ChannelConfig channel;
    private long buffered;
    private boolean paused;

    InboundBudget(long maxBuffered, long windowGrowthBudget) {
        this.maxBuffered = maxBuffered;
        this.growthLeft = windowGrowthBudget;
    }

    void attach(ChannelConfig channelConfig) {
        this.channel = channelConfig;
    }

    /** Bytes buffered for readers changed by {@code delta}. */
    void buffered(long delta) {
        buffered += delta;
        if (!paused && buffered > maxBuffered) {
            setPaused(true);
        } else if (paused && buffered <= maxBuffered) {
            setPaused(false);
        }
    }

    /** The connection ended: reads must not stay paused (the close handshake needs them). */
    void release() {
        if (paused) {
            setPaused(false);
        }
    }

    /** Takes up to {@code bytes} of window growth; returns what was granted (possibly 0). */
    long takeGrowth(long bytes) {
        long granted = Math.max(0, Math.min(bytes, growthLeft));
        growthLeft -= granted;
        return granted;
    }

    /** A closed stream gives back the growth it took. */
    void returnGrowth(long bytes) {
        growthLeft += bytes;
    }

    long bufferedBytes() {
        return buffered;
    }

    boolean paused() {
        return paused;
    }

    private void setPaused(boolean pause) {
        paused = pause;
        if (channel != null) {
            channel.setAutoRead(!pause);
        }
    }
}
