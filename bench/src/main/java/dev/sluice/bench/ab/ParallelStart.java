package dev.sluice.bench.ab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Starts several child processes at once and waits for all of them: each fork starts fresh JVMs
 * for both sides, and started one after another they cost a fork several seconds of JVM start-up
 * on a busy 2-core machine (nothing is measured while they start). All or nothing: when one start
 * fails, the ones that succeeded are closed before the failure is thrown.
 */
final class ParallelStart {
    /** One start, e.g. of an echo server or a load generator. */
    @FunctionalInterface
    interface Start<T> {
        T start() throws IOException, InterruptedException, TimeoutException;
    }

    private static final long STOP_WAIT_SECONDS = 30;

    private ParallelStart() {
    }

    /** The started things in the order of {@code starts}. */
    static <T> List<T> all(List<Start<T>> starts, Consumer<T> closer) throws IOException, InterruptedException,
            TimeoutException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, starts.size()), r -> {
            Thread t = new Thread(r, "fork-start-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Start<T> start : starts) {
                futures.add(pool.submit(start::start));
            }
            List<T> started = new ArrayList<>();
            Throwable failure = null;
            for (Future<T> future : futures) {
                try {
                    started.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            if (failure != null) {
                started.forEach(closer);
                throw rethrowable(failure);
            }
            return started;
        } catch (InterruptedException e) {
            pool.shutdownNow();
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            closeSucceeded(futures, closer);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> void closeSucceeded(List<Future<T>> futures, Consumer<T> closer) {
        for (Future<T> future : futures) {
            if (future.isDone() && !future.isCancelled()) {
                try {
                    closer.accept(future.get());
                } catch (ExecutionException | InterruptedException ignored) {
                    // that start failed or was stopped: nothing of it to close
                }
            }
        }
    }

    private static IOException rethrowable(Throwable failure) throws InterruptedException, TimeoutException {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof TimeoutException timeout) {
            throw timeout;
        }
        if (failure instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }
}
