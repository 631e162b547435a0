package dev.sluice.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stream.StreamConfig;
import dev.sluice.testsupport.Await;
import dev.sluice.testsupport.LoopbackFixture;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Timeouts, cancellation and back-pressure: no call hangs, and a handler learns when its caller is gone. */
class RpcCancellationTest {
    @RegisterExtension
    static final LoopbackFixture net = LoopbackFixture.withSimpleLeakDetection();

    /** What the handlers of one test saw. */
    private static final class Seen {
        final AtomicReference<CallContext> context = new AtomicReference<>();
        final AtomicBoolean subscriptionCancelled = new AtomicBoolean();
        final AtomicLong produced = new AtomicLong();
    }

    private static RpcService service(Seen seen) {
        return ReferenceService.builder()
                .unary("never", (params, context) -> {
                    seen.context.set(context);
                    return new CompletableFuture<>();
                })
                .serverStreaming("forever", (params, context) -> {
                    seen.context.set(context);
                    return subscriber -> {
                        IteratorPublisher<JsonNode> values = new IteratorPublisher<>(LongStream.iterate(0, i -> i + 1)
                                .mapToObj(i -> {
                                    seen.produced.incrementAndGet();
                                    return (JsonNode) Json.NODES.numberNode(i);
                                }).iterator());
                        values.subscribe(new Flow.Subscriber<JsonNode>() {
                            @Override
                            public void onSubscribe(Flow.Subscription s) {
                                subscriber.onSubscribe(new Flow.Subscription() {
                                    @Override
                                    public void request(long n) {
                                        s.request(n);
                                    }

                                    @Override
                                    public void cancel() {
                                        seen.subscriptionCancelled.set(true);
                                        s.cancel();
                                    }
                                });
                            }

                            @Override
                            public void onNext(JsonNode item) {
                                subscriber.onNext(item);
                            }

                            @Override
                            public void onError(Throwable throwable) {
                                subscriber.onError(throwable);
                            }

                            @Override
                            public void onComplete() {
                                subscriber.onComplete();
                            }
                        });
                    };
                })
                .build();
    }

    @Test
    void aCallWhoseHandlerNeverAnswersEndsWithTheTimeoutErrorAndTheHandlerSeesIt() throws Exception {
        Seen seen = new Seen();
        RpcTestbed bed = RpcTestbed.start(net, service(seen));
        bed.client.call("echo", null).get(10, TimeUnit.SECONDS); // a warm path, so the request reaches the handler in time
        long start = System.nanoTime();
        CompletableFuture<JsonNode> call = bed.client.call("never", null, CallOptions.timeout(Duration.ofMillis(1000)));
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RpcTimeoutException.class)
                .hasMessageContaining("timed out after 1000 ms");
        assertThat(((RpcException) Errors.unwrap(catchCause(call))).code()).isEqualTo(RpcCodes.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        Await.until("the handler sees the timed-out call cancelled", Duration.ofSeconds(10),
                () -> seen.context.get() != null && seen.context.get().isCancelled());
        assertThat(seen.context.get().cancelled().toCompletableFuture().get().getMessage())
                .contains(Integer.toHexString(RpcCodes.ABORT_TIMEOUT));
        Await.until("the server forgets the stream", Duration.ofSeconds(10), () -> bed.session.openStreamCount() == 0);
    }

    @Test
    void theClientsDefaultTimeoutAppliesToCallsWithoutTheirOwn() throws Exception {
        Seen seen = new Seen();
        RpcTestbed bed = RpcTestbed.start(net, service(seen), RpcLimits.defaults(), StreamConfig.defaults(),
                Duration.ofMillis(200));
        assertThat(Errors.unwrap(catchCause(bed.client.call("never", null)))).isInstanceOf(RpcTimeoutException.class);
    }

    @Test
    void cancellingAUnaryCallCancelsItsHandler() throws Exception {
        Seen seen = new Seen();
        RpcTestbed bed = RpcTestbed.start(net, service(seen));
        CompletableFuture<JsonNode> call = bed.client.call("never", null);
        Await.until("the handler runs", Duration.ofSeconds(10), () -> seen.context.get() != null);
        call.cancel(true);
        Await.until("the handler sees the cancellation", Duration.ofSeconds(10), () -> seen.context.get().isCancelled());
        assertThat(seen.context.get().cancelled().toCompletableFuture().get().getMessage())
                .contains(Integer.toHexString(RpcCodes.ABORT_CANCELLED));
    }

    @Test
    void aCancelledServerStreamStopsItsHandler() throws Exception {
        Seen seen = new Seen();
        RpcTestbed bed = RpcTestbed.start(net, service(seen), RpcLimits.defaults(),
                StreamConfig.builder().receiveWindow(16 * 1024).build(), Duration.ofSeconds(30));
        CompletableFuture<Void> gotFive = new CompletableFuture<>();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        AtomicLong received = new AtomicLong();
        bed.client.serverStream("forever", null).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(5);
            }

            @Override
            public void onNext(JsonNode item) {
                if (received.incrementAndGet() == 5) {
                    gotFive.complete(null);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                gotFive.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                gotFive.completeExceptionally(new AssertionError("an endless stream completed"));
            }
        });
        gotFive.get(10, TimeUnit.SECONDS);
        subscription.get().cancel();
        Await.until("the handler's publisher is cancelled", Duration.ofSeconds(10), seen.subscriptionCancelled::get);
        assertThat(seen.context.get().isCancelled()).isTrue();
        long producedAtCancel = seen.produced.get();
        Await.until("the server forgets the stream", Duration.ofSeconds(10), () -> bed.session.openStreamCount() == 0);
        assertThat(seen.produced.get()).isEqualTo(producedAtCancel);
        assertThat(received.get()).isEqualTo(5);
    }

    @Test
    void aSlowConsumerSlowsTheProducer() throws Exception {
        Seen seen = new Seen();
        // a small window, so credit (not the producer) decides how far ahead the server runs
        RpcTestbed bed = RpcTestbed.start(net, service(seen), RpcLimits.defaults(),
                StreamConfig.builder().receiveWindow(4096).build(), Duration.ofSeconds(30));
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        AtomicLong received = new AtomicLong();
        bed.client.serverStream("forever", null).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(10);
            }

            @Override
            public void onNext(JsonNode item) {
                received.incrementAndGet();
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        Await.until("ten values arrive", Duration.ofSeconds(10), () -> received.get() == 10);
        // the producer runs ahead only by what the window, one chunk and the write window hold
        Await.until("the producer stalls", Duration.ofSeconds(10), () -> {
            long before = seen.produced.get();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return seen.produced.get() == before;
        });
        // every value is a line of about 30 bytes: 4 KiB window + a chunk read + 16 writes in flight
        assertThat(seen.produced.get()).isLessThan(10 + 2 * 4096 / 25 + MessagePump.WINDOW + 1);
        subscription.get().request(1000);
        Await.until("the producer resumes", Duration.ofSeconds(10), () -> received.get() == 1010);
        subscription.get().cancel();
    }

    private static Throwable catchCause(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}

