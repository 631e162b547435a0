package dev.sluice.rpc;

/** How many messages each way a method takes; the name is what {@code rpc.methods} reports. */
public enum MethodKind {
    UNARY("unary"),
    SERVER_STREAMING("server_streaming"),
    CLIENT_STREAMING("client_streaming"),
    DUPLEX("duplex"),
    RAW("raw");

    private final String wireName;

    MethodKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True when the caller streams values after its request. */
    public boolean takesInput() {
        return this == CLIENT_STREAMING || this == DUPLEX;
    }

    public static MethodKind fromWireName(String name) {
        for (MethodKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown method kind '" + name + "'");
    }
}
