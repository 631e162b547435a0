package dev.sluice.harness.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What the echo workload needs from a transport: connections, and duplex streams on them. */
public interface EchoTransport {
    /** Opens one connection; fails with a message naming the peer when it cannot. */
    Connection connect() throws IOException;

    interface Connection extends AutoCloseable {
        Stream openStream() throws IOException;

        /** Ends the connection, failing whatever is still open on it. Never throws. */
        @Override
        void close();
    }

    interface Stream {
        /** Bytes to the peer; {@code close()} ends this direction cleanly (FIN). */
        OutputStream output();

        /** Bytes from the peer; -1 when the peer ended its direction; an IOException when the stream failed. */
        InputStream input();

        /** Abandons both directions after a local failure; the peer sees an error, not a clean end. */
        void abort(String reason);
    }
}
