package dev.sluice.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The methods a server offers, by name. Every service also answers {@code rpc.methods} (unary, no
 * params) with {@code {"name":"kind",...}}, so a generic caller (the {@code sluice call} command)
 * knows whether a method reads its input.
 */
public final class RpcService {
    public static final String METHODS = "rpc.methods";

    /** One method: its kind and handler (one of the {@link Handlers} interfaces, matching the kind). */
    record Method(MethodKind kind, Object handler) {
    }

    private final Map<String, Method> methods;

    private RpcService(Map<String, Method> methods) {
        this.methods = Map.copyOf(methods);
    }

    public static Builder builder() {
        return new Builder();
    }

    Method method(String name) {
        return methods.get(name);
    }

    public static final class Builder {
        private final Map<String, Method> methods = new LinkedHashMap<>();

        public Builder unary(String name, Handlers.Unary handler) {
            return add(name, MethodKind.UNARY, handler);
        }

        public Builder serverStreaming(String name, Handlers.ServerStreaming handler) {
            return add(name, MethodKind.SERVER_STREAMING, handler);
        }

        public Builder clientStreaming(String name, Handlers.ClientStreaming handler) {
            return add(name, MethodKind.CLIENT_STREAMING, handler);
        }

        public Builder duplex(String name, Handlers.Duplex handler) {
            return add(name, MethodKind.DUPLEX, handler);
        }

        public Builder raw(String name, Handlers.Raw handler) {
            return add(name, MethodKind.RAW, handler);
        }

        private Builder add(String name, MethodKind kind, Object handler) {
            if (name == null || name.isEmpty() || name.startsWith("rpc.")) {
                throw new IllegalArgumentException("method name must be non-empty and not start with 'rpc.' (reserved by"
                        + " JSON-RPC 2.0), got '" + name + "'");
            }
            if (handler == null) {
                throw new IllegalArgumentException("method " + name + " needs a handler");
            }
            if (methods.putIfAbsent(name, new Method(kind, handler)) != null) {
                throw new IllegalArgumentException("method " + name + " is already registered");
            }
            return this;
        }

        public RpcService build() {
            Map<String, Method> all = new LinkedHashMap<>(methods);
            ObjectNode listing = Json.NODES.objectNode();
            methods.forEach((name, method) -> listing.put(name, method.kind().wireName()));
            Handlers.Unary describe = (params, context) -> CompletableFuture.completedFuture(listing.deepCopy());
            all.put(METHODS, new Method(MethodKind.UNARY, describe));
            return new RpcService(all);
        }
    }
}
