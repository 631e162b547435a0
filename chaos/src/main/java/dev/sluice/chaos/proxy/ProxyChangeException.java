package dev.sluice.chaos.proxy;

import java.io.IOException;

/**
 * A change the proxy could not carry out within its apply timeout: open connections that did not
 * take a toxic change, or a listener or connection that did not close. The configuration holds
 * the change; connections whose event loop is late apply it once the loop catches up.
 */
public final class ProxyChangeException extends IOException {
    public ProxyChangeException(String message) {
        super(message);
    }

    public ProxyChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
