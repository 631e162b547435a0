package dev.sluice.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Futures created only when someone asks for them. A server holds many idle connections and
 * streams whose futures nobody ever asks for; such a field stays null, and the owner records the
 * outcome in a volatile field of its own. The owner completes the future (if there is one) after
 * writing the outcome, and whoever creates it completes it from the outcome after creating it:
 * with both fields volatile, one of the two always sees the other's write, so the future completes
 * whichever comes first.
 */
public final class LateFutures {
    private LateFutures() {
    }

    /**
     * The future in {@code field} of {@code owner}, created there if it is still null (from any
     * thread; one creator wins).
     *
     * @param field a {@link VarHandle} to a volatile {@code CompletableFuture} field of {@code owner}
     */
    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<T> getOrCreate(Object owner, VarHandle field) {
        CompletableFuture<T> f = (CompletableFuture<T>) field.getVolatile(owner);
        if (f != null) {
            return f;
        }
        CompletableFuture<T> created = new CompletableFuture<>();
        CompletableFuture<T> winner = (CompletableFuture<T>) field.compareAndExchange(owner, null, created);
        return winner != null ? winner : created;
    }
}
