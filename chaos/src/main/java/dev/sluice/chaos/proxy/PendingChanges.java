package dev.sluice.chaos.proxy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a change handed to the event loops of open connections. A connection whose loop does
 * not run the change before the deadline makes the whole change fail, with a message saying how
 * many lagged: the API must not answer success for a change that has not happened.
 */
final class PendingChanges {
    private PendingChanges() {
    }

    /**
     * @param proxy         the proxy's name, for the message
     * @param action        what each connection had to do, e.g. {@code "add toxic slow"}
     * @param deadlineNanos {@link System#nanoTime()} by which every change must have run
     */
    static void await(List<Future<?>> changes, String proxy, String action, long deadlineNanos, long timeoutMillis)
            throws ProxyChangeException {
        int late = 0;
        Throwable failure = null;
        for (Future<?> change : changes) {
            try {
                change.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                late++;
            } catch (ExecutionException e) {
                // A loop shutting down rejects the change: its connection is gone and needs none.
                if (!(e.getCause() instanceof RejectedExecutionException) && failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxyChangeException("proxy " + proxy + ": interrupted while waiting to " + action, e);
            }
        }
        if (late > 0) {
            throw new ProxyChangeException("proxy " + proxy + ": " + late + " of " + changes.size()
                    + " open connections did not " + action + " within " + timeoutMillis
                    + " ms (their event loop is busy); they will when it frees up");
        }
        if (failure != null) {
            throw new ProxyChangeException("proxy " + proxy + ": a connection failed to " + action + ": " + failure,
                    failure);
        }
    }
}
