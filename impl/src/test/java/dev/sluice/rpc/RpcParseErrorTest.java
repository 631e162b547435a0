package dev.sluice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.SluiceStream;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamException;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.LoopbackFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a caller that breaks the limits or the JSON gets: a -32700 error object, then its stream stopped with the parse-error code. */
class RpcParseErrorTest {
    @RegisterExtension
    static final LoopbackFixture net = new LoopbackFixture();

    private static List<JsonNode> decode(byte[] bytes) throws RpcException {
        List<JsonNode> out = new ArrayList<>();
        JsonValueDecoder decoder = new JsonValueDecoder(RpcLimits.defaults());
        decoder.feed(ByteBuffer.wrap(bytes), out::add);
        decoder.end(out::add);
        return out;
    }

    private static void assertParseErrorThenStop(RpcTestbed bed, byte[] afterMarker) throws Exception {
        SluiceStream s = bed.session.openStream();
        ByteBuffer bytes = ByteBuffer.allocate(1 + afterMarker.length).put(RpcCodes.STREAM_MARKER).put(afterMarker).flip();
        s.write(bytes);
        List<JsonNode> answer = decode(Streams2.readAll(s).get(10, TimeUnit.SECONDS));
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).path("error").path("code").asInt()).isEqualTo(RpcCodes.PARSE_ERROR);
        // the server stopped reading with the documented code: the caller's next write fails with it
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Await.until("a write fails with the server's STOP", Duration.ofSeconds(10), () -> {
            CompletableFuture<Void> write = s.write(ByteBuffer.wrap(new byte[] {' '})).toCompletableFuture();
            try {
                write.get(5, TimeUnit.SECONDS);
                return false;
            } catch (Exception e) {
                failure.set(e.getCause());
                return true;
            }
        });
        assertThat(failure.get()).isInstanceOfSatisfying(StreamException.class,
                e -> assertThat(e.code()).isEqualTo(RpcCodes.ABORT_PARSE_ERROR));
    }

    @Test
    void invalidJsonIsAParseErrorAndStopsTheStream() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, ReferenceService.create());
        assertParseErrorThenStop(bed, "{\"jsonrpc\" \"2.0\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageOverTheLimitIsAParseErrorAndStopsTheStream() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, ReferenceService.create(), RpcLimits.builder().maxMessageBytes(1024).build(),
                StreamConfig.defaults(), Duration.ofSeconds(10));
        assertParseErrorThenStop(bed, ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":\""
                + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestingDeeperThanTheLimitIsAParseErrorAndStopsTheStream() throws Exception {
        RpcTestbed bed = RpcTestbed.start(net, ReferenceService.create());
        assertParseErrorThenStop(bed, "[".repeat(RpcLimits.DEFAULT_MAX_DEPTH + 1).getBytes(StandardCharsets.UTF_8));
    }
}
