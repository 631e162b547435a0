package dev.sluice.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** Which TLS implementation to use. {@link #AUTO} prefers BoringSSL (netty-tcnative) and falls back to the JDK. */
public enum TlsProvider {
    AUTO,
    /** BoringSSL through netty-tcnative; reported as {@code "openssl"}. */
    OPENSSL,
    /** The JDK's SSLEngine; reported as {@code "jdk"}. */
    JDK;

    /** The concrete provider: AUTO becomes OPENSSL when netty-tcnative loads on this machine, JDK otherwise. */
    public TlsProvider resolve() {
        if (this == AUTO) {
            return OpenSsl.isAvailable() ? OPENSSL : JDK;
        }
        if (this == OPENSSL && !OpenSsl.isAvailable()) {
            throw new IllegalStateException("the openssl TLS provider was requested but netty-tcnative is not usable here: "
                    + OpenSsl.unavailabilityCause());
        }
        return this;
    }

    /** The name reported to users and tools: {@code "openssl"} or {@code "jdk"}. */
    public String reportedName() {
        return switch (resolve()) {
            case OPENSSL -> "openssl";
            case JDK -> "jdk";
            case AUTO -> throw new AssertionError("resolve() never returns AUTO");
        };
    }

    SslProvider nettyProvider() {
        return resolve() == OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Parses {@code "auto"}, {@code "openssl"} or {@code "jdk"}, case-insensitively. */
    public static TlsProvider parse(String name) {
        for (TlsProvider provider : values()) {
            if (provider.name().equalsIgnoreCase(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown TLS provider '" + name + "': use auto, openssl or jdk");
    }
}
