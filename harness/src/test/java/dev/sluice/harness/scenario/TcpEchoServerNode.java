package dev.sluice.harness.scenario;

import dev.sluice.harness.node.ParentWatch;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain-TCP stand-in for the reference server: one echoed stream per connection. */
public final class TcpEchoServerNode {
    private static final AtomicInteger OPEN = new AtomicInteger();

    private TcpEchoServerNode() {
    }

    public static void main(String[] args) throws IOException {
        ParentWatch.onCommand("stats", () -> print("{\"event\":\"stats\",\"connections\":" + OPEN.get()
                + ",\"streams\":" + OPEN.get() + "}"));
        ParentWatch.installFromEnvironment();
        try (ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            print("{\"event\":\"listening\",\"host\":\"127.0.0.1\",\"port\":" + server.getLocalPort()
                    + ",\"nodeId\":\"tcp-echo\",\"tls\":false}");
            while (true) {
                Socket socket = server.accept();
                OPEN.incrementAndGet();
                Thread echo = new Thread(() -> echo(socket), "echo");
                echo.setDaemon(true);
                echo.start();
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            // The proxy does not carry TCP half-closes, so the stream's length comes first and the
            // server closes the connection once it has echoed that many bytes.
            long remaining = in.readLong();
            byte[] buffer = new byte[16 * 1024];
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            // the peer went away; the connection is counted closed below
        } finally {
            OPEN.decrementAndGet();
        }
    }

    private static void print(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
