package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The unsent-bytes bound on its own: what it accepts, what it refuses, and when it wakes a waiting writer. */
class WriteBoundAccountingTest {
    @Test
    void acceptsWhileBelowTheLimitSoTheCountExceedsItByAtMostOneWrite() {
        WriteBound bound = new WriteBound(10);
        assertThat(bound.limit()).isEqualTo(10);
        assertThat(bound.writable()).isTrue();
        assertThat(bound.tryAcquire(9)).isTrue();
        assertThat(bound.unsent()).isEqualTo(9);
        assertThat(bound.writable()).isTrue();
        assertThat(bound.tryAcquire(5)).isTrue();
        assertThat(bound.unsent()).isEqualTo(14);
        assertThat(bound.writable()).isFalse();
        assertThat(bound.tryAcquire(1)).isFalse();
        assertThat(bound.unsent()).isEqualTo(14);
    }

    @Test
    void exactlyAtTheLimitIsFull() {
        WriteBound bound = new WriteBound(10);
        assertThat(bound.tryAcquire(10)).isTrue();
        assertThat(bound.writable()).isFalse();
        assertThat(bound.tryAcquire(0)).isFalse();
        bound.release(1);
        assertThat(bound.unsent()).isEqualTo(9);
        assertThat(bound.writable()).isTrue();
        assertThat(bound.tryAcquire(1)).isTrue();
    }

    @Test
    void whenWritableCompletesAtOnceWhileBelowTheLimit() {
        WriteBound bound = new WriteBound(10);
        bound.tryAcquire(9);
        assertThat(bound.whenWritable().toCompletableFuture()).isCompleted();
    }

    @Test
    void aWaitingWriterIsWokenOnlyOnceTheCountDropsBelowTheLimit() {
        WriteBound bound = new WriteBound(10);
        bound.tryAcquire(15);
        CompletableFuture<Void> waiting = bound.whenWritable().toCompletableFuture();
        assertThat(waiting).isNotDone();
        assertThat(bound.whenWritable().toCompletableFuture()).isSameAs(waiting);

        bound.release(0);
        assertThat(waiting).isNotDone();
        bound.release(5);
        assertThat(bound.unsent()).isEqualTo(10);
        assertThat(waiting).isNotDone();
        bound.release(1);
        assertThat(waiting).isCompleted();
    }

    @Test
    void eachWaitIsWokenOnceAndTheNextWaitGetsAFreshStage() {
        WriteBound bound = new WriteBound(4);
        bound.tryAcquire(4);
        CompletionStage<Void> first = bound.whenWritable();
        bound.release(4);
        assertThat(first.toCompletableFuture()).isCompleted();

        bound.tryAcquire(4);
        CompletableFuture<Void> second = bound.whenWritable().toCompletableFuture();
        assertThat(second).isNotSameAs(first).isNotDone();
        bound.release(1);
        assertThat(second).isCompleted();
    }

    @Test
    void aReleaseThatLeavesTheCountAtOrAboveTheLimitWakesNobody() {
        WriteBound bound = new WriteBound(4);
        bound.tryAcquire(3);
        bound.tryAcquire(3);
        CompletableFuture<Void> waiting = bound.whenWritable().toCompletableFuture();
        bound.release(2);
        assertThat(bound.unsent()).isEqualTo(4);
        assertThat(waiting).isNotDone();
    }
}
