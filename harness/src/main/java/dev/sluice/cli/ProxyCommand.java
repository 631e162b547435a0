package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.chaos.ChaosConfig;
import dev.sluice.chaos.ChaosProxyServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice proxy}: runs the Toxiproxy-compatible fault proxy until SIGTERM or SIGINT. Its
 * first output line is {@code {"event":"listening","host":...,"port":...}}, so a parent process
 * can read the bound port (with {@code --port 0}) before driving it.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Runs the Toxiproxy-compatible fault proxy (HTTP API and toxics) until SIGTERM or SIGINT.")
public final class ProxyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", description = "API address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = ChaosConfig.DEFAULT_HOST)
    private String host;

    @Option(names = "--port", description = "API port; 0 picks a free one (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + ChaosConfig.DEFAULT_PORT)
    private int port;

    @Option(names = "--seed", description = "Seed of every random choice (jitter, toxicity, slices); "
            + "drawn and reported when omitted.")
    private Long seed;

    @Option(names = "--proxy-metrics", description = "Serve each proxy's received and sent bytes on /metrics "
            + "(Toxiproxy's toxiproxy_proxy_*_bytes_total).")
    private boolean proxyMetrics;

    @Option(names = "--runtime-metrics", description = "Serve the JVM's and the process's metrics on /metrics.")
    private boolean runtimeMetrics;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChaosConfig.Builder config = ChaosConfig.builder().host(host)
                .proxyMetrics(proxyMetrics).runtimeMetrics(runtimeMetrics);
        ChaosProxyServer server;
        try {
            config.port(port);
            if (seed != null) {
                config.seed(seed);
            }
            server = ChaosProxyServer.start(config.build());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("sluice proxy: " + e.getMessage());
            err.flush();
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "sluice-proxy-shutdown"));
        ObjectNode listening = new ObjectMapper().createObjectNode()
                .put("event", "listening")
                .put("host", server.host())
                .put("port", server.port())
                .put("url", server.url())
                .put("seed", server.seed());
        out.println(listening);
        out.flush();
        stopped.await();
        return 0;
    }
}
