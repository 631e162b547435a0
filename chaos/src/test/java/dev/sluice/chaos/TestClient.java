package dev.sluice.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A blocking loopback client of a proxy, every read bounded by a deadline. */
final class TestClient implements AutoCloseable {
    /** What the peer did when the client read to the end. */
    enum Ending { EOF, RESET, STILL_OPEN }

    private final Socket socket;
    private final InputStream in;

    TestClient(String listen) throws IOException {
        String[] parts = listen.split(":");
        socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(parts[parts.length - 1]));
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    void send(byte[] data) throws IOException {
        socket.getOutputStream().write(data);
        socket.getOutputStream().flush();
    }

    void send(String text) throws IOException {
        send(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    byte[] readExactly(int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
            throw new IOException("stream ended after " + data.length + " of " + length + " bytes");
        }
        return data;
    }

    /** Reads and discards until the peer closes, resets, or {@code timeoutMillis} passes with nothing. */
    Ending readToEnd(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // keep draining until the end
            }
            return Ending.EOF;
        } catch (SocketTimeoutException e) {
            return Ending.STILL_OPEN;
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return Ending.RESET;
            }
            throw e;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    InputStream input() {
        return in;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
