package dev.sluice.bench.load;

import java.lang.management.ManagementFactory;

/** Checks that a process may open enough sockets before thousands of connections are attempted. */
public final class FileDescriptors {
    /** Descriptors a JVM needs besides its connections (jars, epoll, pipes, listeners). */
    public static final int HEADROOM = 512;

    private FileDescriptors() {
    }

    /** Fails with advice when {@code connections} sockets plus headroom exceed this process's limit. */
    public static void requireRoomFor(int connections) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean)) {
            return;
        }
        long max = ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
        if (connections + (long) HEADROOM > max) {
            throw new IllegalStateException(connections + " connections need about " + (connections + HEADROOM)
                    + " file descriptors per process but the limit is " + max
                    + "; raise it (ulimit -n) or ask for fewer idle connections");
        }
    }
}
