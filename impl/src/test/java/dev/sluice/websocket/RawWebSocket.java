package dev.sluice.websocket;

import dev.sluice.testsupport.RawTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client over TLS that sends whatever bytes it is given, so tests can play a hostile
 * peer: upgrade properly, then write hand-built frames ({@link WireFrames}) and read what the
 * server answers until it closes the connection.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects, completes TLS and the upgrade (subprotocol sluice.v1), or fails the test. */
    public static RawWebSocket connect(InetSocketAddress server, String path) throws Exception {
        Socket socket = RawTls.connect(server);
        String key = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: sluice.v1\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String head = readResponseHead(socket.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new AssertionError("upgrade refused: " + head);
        }
        return new RawWebSocket(socket);
    }

    private static String readResponseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed during the upgrade; got: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public void send(byte[]... frames) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
    }

    /** Reads the next whole frame the server sends (unmasked), waiting up to the socket timeout. */
    public WireFrames.Frame nextFrame() throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new WireFrames.Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    /** The local port, which names this connection in the server's log lines. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Every frame the server sends until it closes TCP; fails if it does not within the socket timeout. */
    public List<WireFrames.Frame> readUntilClosed() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; frames so far: "
                    + WireFrames.parse(received.toByteArray()), e);
        } catch (IOException reset) {
            // a reset after the close frame also ends the connection
        }
        return WireFrames.parse(received.toByteArray());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
