package dev.sluice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.SluiceStream;
import dev.sluice.testsupport.LoopbackFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reference methods, errors and the call context, end to end over loopback TLS. */
class RpcCallsTest {
    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    private static RpcService service() {
        return ReferenceService.builder()
                .unary("fail", (params, context) -> {
                    throw new IllegalStateException("boom");
                })
                .unary("failStage", (params, context) -> CompletableFuture.failedFuture(
                        new RpcException(4711, "custom", Json.NODES.textNode("details"))))
                .unary("whoami", (params, context) -> {
                    var o = Json.NODES.objectNode();
                    o.put("remotePort", context.remoteAddress().getPort());
                    o.put("localPort", context.localPort());
                    o.put("localHost", context.localHost());
                    o.put("hasNodeId", context.remoteNodeId().isPresent());
                    o.put("method", context.method());
                    return CompletableFuture.completedFuture(o);
                })
                .raw("upper", (params, stream, context) -> {
                    stream.reads().subscribe(new UpperCaser(stream));
                    return CompletableFuture.completedFuture(Json.NODES.textNode("go"));
                })
                .build();
    }

    private static JsonNode json(String text) throws RpcException {
        return Json.parse(text);
    }

    private static RpcException errorOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RpcException.class);
            return (RpcException) e.getCause();
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void everyKindOfReferenceMethodAnswers() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, service());
        RpcClient c = bed.client;
        assertThat(c.call("echo", json("{\"a\":[1,2,{\"b\":null}]}")).get(10, TimeUnit.SECONDS))
                .isEqualTo(json("{\"a\":[1,2,{\"b\":null}]}"));
        assertThat(Collect.all(c.serverStream("count", json("{\"n\":3}"))).get(10, TimeUnit.SECONDS))
                .containsExactly(json("{\"i\":0}"), json("{\"i\":1}"), json("{\"i\":2}"));
        assertThat(c.clientStream("sum", null, IteratorPublisher.of(List.of(json("1"), json("2"), json("3.5"))))
                .get(10, TimeUnit.SECONDS)).isEqualTo(json("6.5"));
        List<JsonNode> in = List.of(json("{\"a\":1}"), json("\"x\""), json("[true]"));
        assertThat(Collect.all(c.duplex("echoStream", null, IteratorPublisher.of(in))).get(10, TimeUnit.SECONDS))
                .isEqualTo(in);
        assertThat(c.call(RpcService.METHODS, null).get(10, TimeUnit.SECONDS).path("sum").asText())
                .isEqualTo("client_streaming");
    }

    @Test
    void errorsAreErrorObjectsWithTheirCodes() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, service());
        RpcClient c = bed.client;
        RpcException notFound = errorOf(c.call("nosuch", null));
        assertThat(notFound.code()).isEqualTo(RpcCodes.METHOD_NOT_FOUND);
        assertThat(notFound.getMessage()).contains("nosuch");
        assertThat(errorOf(c.clientStream("sum", null, IteratorPublisher.of(List.of(json("\"x\""))))).code())
                .isEqualTo(RpcCodes.INVALID_PARAMS);
        assertThat(errorOf(Collect.all(c.serverStream("count", json("{\"n\":-1}")))).code())
                .isEqualTo(RpcCodes.INVALID_PARAMS);
        RpcException thrown = errorOf(c.call("fail", null));
        assertThat(thrown.code()).isEqualTo(RpcCodes.HANDLER_FAILED);
        assertThat(thrown.getMessage()).contains("boom");
        assertThat(thrown.data().path("exception").asText()).isEqualTo(IllegalStateException.class.getName());
        RpcException custom = errorOf(c.call("failStage", null));
        assertThat(custom.code()).isEqualTo(4711);
        assertThat(custom.data().asText()).isEqualTo("details");
        // the connection still serves calls after all those errors
        assertThat(c.call("echo", json("7")).get(10, TimeUnit.SECONDS)).isEqualTo(json("7"));
    }

    @Test
    void handlersSeeTheCallersConnection() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, service());
        JsonNode who = bed.client.call("whoami", null).get(10, TimeUnit.SECONDS);
        assertThat(who.path("localPort").asInt()).isEqualTo(bed.server.port());
        assertThat(who.path("remotePort").asInt()).isEqualTo(bed.session.connectionInfo().localAddress().getPort());
        assertThat(who.path("localHost").asText()).isEqualTo("127.0.0.1");
        assertThat(who.path("hasNodeId").asBoolean()).isFalse();
        assertThat(who.path("method").asText()).isEqualTo("whoami");
    }

    @Test
    void aRawCallCarriesBytesAfterItsHeader() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, service());
        RpcClient.RawCall raw = bed.client.raw("upper", null).get(10, TimeUnit.SECONDS);
        assertThat(raw.result().asText()).isEqualTo("go");
        raw.stream().write(ByteBuffer.wrap("hello raw".getBytes(StandardCharsets.US_ASCII)))
                .thenCompose(v -> raw.stream().closeWrite());
        assertThat(new String(Streams2.readAll(raw.stream()).get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
                .isEqualTo("HELLO RAW");
    }

    @Test
    void streamsWithoutTheMarkerStillEcho() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, service());
        SluiceStream s = bed.session.openStream();
        byte[] data = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"} plain bytes".getBytes(StandardCharsets.UTF_8);
        s.write(ByteBuffer.wrap(data)).thenCompose(v -> s.closeWrite());
        assertThat(Streams2.readAll(s).get(10, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(bed.client.call("echo", json("1")).get(10, TimeUnit.SECONDS)).isEqualTo(json("1"));
    }
}
