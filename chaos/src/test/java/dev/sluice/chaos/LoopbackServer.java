package dev.sluice.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain loopback TCP server on a free port; each connection runs its handler on its own thread. */
final class LoopbackServer implements AutoCloseable {

    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    LoopbackServer(Handler handler) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!serverSocket.isClosed()) {
                try {
                    Socket socket = serverSocket.accept();
                    socket.setTcpNoDelay(true);
                    sockets.add(socket);
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            handler.handle(socket);
                        } catch (IOException ignored) {
                            // The peer went away; the test observes that from its own side.
                        }
                    }, "loopback-conn");
                    worker.setDaemon(true);
                    threads.add(worker);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "loopback-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    static LoopbackServer echo() throws IOException {
        return new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        });
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
