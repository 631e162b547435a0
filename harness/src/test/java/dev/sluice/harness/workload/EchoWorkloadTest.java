package dev.sluice.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EchoWorkloadTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final EventSink sink = EventSink.jsonLines(new PrintStream(output, true, StandardCharsets.UTF_8));

    @Test
    void aFaithfulEchoDeliversEveryStreamAndPrintsTheResultLine() throws Exception {
        WorkloadResult result = run(InMemoryEchoTransport.faithful(), config().build());

        assertThat(result.success()).isTrue();
        assertThat(result.count(StreamStatus.OK)).isEqualTo(8);
        JsonNode last = lines().get(lines().size() - 1);
        assertThat(last.toString()).matches("\\{\"event\":\"result\",\"streams\":8,\"bytesSent\":800000,"
                + "\"bytesReceived\":800000,\"digestsMatch\":true,\"errors\":0,\"seconds\":[0-9.]+}");
        assertThat(lines()).filteredOn(l -> l.get("event").asText().equals("stream")).hasSize(8)
                .allMatch(l -> l.get("status").asText().equals("ok"));
        assertThat(lines()).anyMatch(l -> l.get("event").asText().equals("progress"));
    }

    @Test
    void aDroppedChunkOnACleanlyEndedStreamIsCorruptNotOk() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        InMemoryEchoTransport dropping = new InMemoryEchoTransport(b -> calls.incrementAndGet() == 7 ? new byte[0] : b);

        WorkloadResult result = run(dropping, config().build());

        assertThat(result.success()).isFalse();
        assertThat(result.digestsMatch()).isFalse();
        assertThat(result.count(StreamStatus.CORRUPT)).isEqualTo(1);
        StreamResult corrupt = result.streams().stream().filter(s -> s.status() == StreamStatus.CORRUPT).findFirst()
                .orElseThrow();
        assertThat(corrupt.violation().kind()).isIn(Violation.Kind.GAP, Violation.Kind.CORRUPT,
                Violation.Kind.TRUNCATED);
    }

    @Test
    void aFlippedByteIsCorrupt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        InMemoryEchoTransport flipping = new InMemoryEchoTransport(b -> {
            if (calls.incrementAndGet() == 20 && b.length > 0) {
                b[b.length / 2] ^= 0x40;
            }
            return b;
        });

        WorkloadResult result = run(flipping, config().build());

        assertThat(result.count(StreamStatus.CORRUPT)).isEqualTo(1);
        assertThat(lines().get(lines().size() - 1).get("errors").asLong()).isEqualTo(1);
    }

    @Test
    void aLostConnectionFailsStreamsWithTheErrorTheApplicationSaw() throws Exception {
        InMemoryEchoTransport transport = InMemoryEchoTransport.faithful();
        Thread breaker = new Thread(() -> transport.breakAll("peer vanished"));
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        WorkloadResult result = new EchoWorkload(config().bytesPerStream(50_000_000).build(), event -> {
            sink.emit(event);
            if (event.get("event").equals("progress")
                    && java.util.Arrays.stream((long[]) event.get("received")).allMatch(n -> n > 0)
                    && broken.compareAndSet(false, true)) {
                breaker.start();
            }
        }).run(transport);
        breaker.join();

        assertThat(result.success()).isFalse();
        assertThat(result.count(StreamStatus.CORRUPT)).isZero();
        assertThat(result.count(StreamStatus.FAILED)).isEqualTo(8);
        assertThat(result.streams()).allMatch(s -> s.error().contains("connection lost: peer vanished"));
    }

    @Test
    void aStreamThatNeverEndsIsReportedHungAtTheDeadline() throws Exception {
        EchoTransport swallowing = () -> new EchoTransport.Connection() {
            @Override
            public EchoTransport.Stream openStream() {
                BytePipe nowhere = new BytePipe();
                return new EchoTransport.Stream() {
                    @Override
                    public java.io.OutputStream output() {
                        return java.io.OutputStream.nullOutputStream();
                    }

                    @Override
                    public java.io.InputStream input() {
                        return nowhere.in;
                    }

                    @Override
                    public void abort(String reason) {
                        nowhere.fail(reason);
                    }
                };
            }

            @Override
            public void close() {
            }
        };

        WorkloadResult result = run(swallowing, config().streams(2).deadline(Duration.ofMillis(500)).build());

        assertThat(result.count(StreamStatus.HUNG)).isEqualTo(2);
        assertThat(result.streams().get(0).error()).contains("within the run deadline of 500 ms");
    }

    @Test
    void streamsAbortedOnPurposeAreReportedAsSuchAndTheOthersFinish() throws Exception {
        WorkloadResult result = run(InMemoryEchoTransport.faithful(), config().abortEvery(2).build());

        assertThat(result.count(StreamStatus.ABORTED)).isEqualTo(4);
        assertThat(result.count(StreamStatus.OK)).isEqualTo(4);
        assertThat(result.success()).isTrue();
    }

    @Test
    void aRefusedConnectionFailsItsStreamsAndCountsAsAnError() throws Exception {
        WorkloadResult result = run(InMemoryEchoTransport.faithful().refusingFirst(1),
                config().connections(2).build());

        assertThat(result.connectionErrors()).singleElement().asString().contains("connection refused by the test");
        assertThat(result.count(StreamStatus.FAILED)).isEqualTo(4);
        assertThat(result.count(StreamStatus.OK)).isEqualTo(4);
        assertThat(result.errors()).isEqualTo(5);
    }

    private static WorkloadConfig.Builder config() {
        return WorkloadConfig.builder().streams(8).bytesPerStream(100_000).seed(7).chunkSize(1000)
                .deadline(Duration.ofSeconds(30)).progressInterval(Duration.ofMillis(5));
    }

    private WorkloadResult run(EchoTransport transport, WorkloadConfig config) throws InterruptedException {
        return new EchoWorkload(config, sink).run(transport);
    }

    private List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        return output.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }
}
