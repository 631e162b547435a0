package dev.sluice.harness.scenario;

import dev.sluice.harness.node.ParentWatch;
import dev.sluice.harness.workload.EchoTransport;
import dev.sluice.harness.workload.EchoWorkload;
import dev.sluice.harness.workload.EventSink;
import dev.sluice.harness.workload.WorkloadConfig;
import dev.sluice.harness.workload.WorkloadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

/** A plain-TCP stand-in for the reference client: args port nodeId streams bytes connections seed deadlineMs. */
public final class TcpEchoClientNode {
    private TcpEchoClientNode() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.installFromEnvironment();
        int port = Integer.parseInt(args[0]);
        if (!args[1].equals("tcp-echo")) {
            System.err.println("server is not " + args[1]);
            System.exit(3);
        }
        WorkloadConfig config = WorkloadConfig.builder().streams(Integer.parseInt(args[2]))
                .bytesPerStream(Long.parseLong(args[3])).connections(Integer.parseInt(args[4]))
                .seed(Long.parseLong(args[5])).deadline(Duration.ofMillis(Long.parseLong(args[6]))).build();
        EchoTransport transport = () -> new EchoTransport.Connection() {
            @Override
            public EchoTransport.Stream openStream() throws IOException {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                new java.io.DataOutputStream(socket.getOutputStream()).writeLong(config.bytesPerStream());
                return new EchoTransport.Stream() {
                    @Override
                    public OutputStream output() {
                        return new LengthBoundOutput(socket);
                    }

                    @Override
                    public InputStream input() throws RuntimeException {
                        try {
                            return socket.getInputStream();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public void abort(String reason) {
                        try {
                            socket.setSoLinger(true, 0);
                            socket.close();
                        } catch (IOException e) {
                            // already gone
                        }
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        WorkloadResult result = new EchoWorkload(config, EventSink.jsonLines(System.out)).run(transport);
        System.exit(result.success() ? 0 : 1);
    }

    /** close() only flushes: the server ends the connection after echoing the announced length. */
    private static final class LengthBoundOutput extends OutputStream {
        private final Socket socket;

        LengthBoundOutput(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            socket.getOutputStream().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            socket.getOutputStream().write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            socket.getOutputStream().flush();
        }
    }
}
