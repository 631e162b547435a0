package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ParallelStartTest {
    @Test
    void startsRunAtTheSameTimeAndComeBackInOrder() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        ParallelStart.Start<String> baseline = () -> {
            bothStarted.countDown();
            // each start waits for the other: one after another this would never finish
            if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                throw new TimeoutException("the other start never began");
            }
            return "baseline";
        };
        ParallelStart.Start<String> candidate = () -> {
            bothStarted.countDown();
            if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                throw new TimeoutException("the other start never began");
            }
            return "candidate";
        };
        assertThat(ParallelStart.all(List.of(baseline, candidate), s -> { })).containsExactly("baseline", "candidate");
    }

    @Test
    void whenOneStartFailsTheOthersAreClosedAndItsErrorIsThrown() {
        List<String> closed = new CopyOnWriteArrayList<>();
        ParallelStart.Start<String> fine = () -> "server";
        ParallelStart.Start<String> broken = () -> {
            throw new IOException("did not report ready");
        };
        assertThatThrownBy(() -> ParallelStart.all(List.of(fine, broken), closed::add))
                .isInstanceOf(IOException.class).hasMessage("did not report ready");
        assertThat(closed).containsExactly("server");
    }

    @Test
    void aTimeoutStaysATimeout() {
        ParallelStart.Start<String> slow = () -> {
            throw new TimeoutException("no 'ready' within 60 s");
        };
        assertThatThrownBy(() -> ParallelStart.all(List.of(slow), s -> { })).isInstanceOf(TimeoutException.class);
    }
}
