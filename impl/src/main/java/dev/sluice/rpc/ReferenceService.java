package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The service of the reference server ({@code sluice server}), one method of each streaming kind:
 * <ul>
 * <li>{@code echo} (unary): returns its params;</li>
 * <li>{@code count} (server-streaming): {@code {"n":N}} gives N results {@code {"i":0}} ... {@code {"i":N-1}};</li>
 * <li>{@code sum} (client-streaming): numbers in, their total out;</li>
 * <li>{@code echoStream} (duplex): each value back as it arrives.</li>
 * </ul>
 */
public final class ReferenceService {
    private ReferenceService() {
    }

    public static RpcService create() {
        return builder().build();
    }

    /** The reference methods, for a service that adds more. */
    public static RpcService.Builder builder() {
        return RpcService.builder()
                .unary("echo", (params, context) -> CompletableFuture.completedFuture(params.isMissingNode() ? null : params))
                .serverStreaming("count", (params, context) -> count(params))
                .clientStreaming("sum", (params, input, context) -> sum(input))
                .duplex("echoStream", (params, input, context) -> input);
    }

    private static Flow.Publisher<JsonNode> count(JsonNode params) throws RpcException {
        JsonNode n = params.path("n");
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0) {
            throw RpcException.invalidParams("count takes {\"n\": a count of 0 or more}, got " + params);
        }
        long total = n.longValue();
        return new IteratorPublisher<>(new Iterator<JsonNode>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public JsonNode next() {
                if (next >= total) {
                    throw new NoSuchElementException();
                }
                ObjectNode item = Json.NODES.objectNode();
                item.put("i", next++);
                return item;
            }
        });
    }

    private static CompletableFuture<JsonNode> sum(Flow.Publisher<JsonNode> input) {
        CompletableFuture<JsonNode> total = new CompletableFuture<>();
        input.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private BigDecimal sum = BigDecimal.ZERO;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode value) {
                if (!value.isNumber()) {
                    subscription.cancel();
                    total.completeExceptionally(RpcException.invalidParams("sum takes numbers, got " + value));
                    return;
                }
                sum = sum.add(value.decimalValue());
            }

            @Override
            public void onError(Throwable failure) {
                total.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                BigDecimal s = sum.stripTrailingZeros();
                total.complete(s.scale() <= 0 && s.precision() - s.scale() <= 18
                        ? Json.NODES.numberNode(s.longValueExact())
                        : Json.NODES.numberNode(s));
            }
        });
        return total;
    }
}
