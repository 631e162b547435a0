package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** A subscriber that takes everything and completes a future with the list, or its failure. */
final class Collect implements Flow.Subscriber<JsonNode> {
    final List<JsonNode> values = new CopyOnWriteArrayList<>();
    final CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
    volatile Flow.Subscription subscription;

    static CompletableFuture<List<JsonNode>> all(Flow.Publisher<JsonNode> publisher) {
        Collect c = new Collect();
        publisher.subscribe(c);
        return c.done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(JsonNode item) {
        values.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(List.copyOf(values));
    }
}
