package dev.sluice.tls;

/** Whether a server asks clients for a certificate chain proving their NodeId (mutual TLS). */
public enum ClientAuthMode {
    /** Clients present no certificate. */
    NONE,
    /** Clients may present a chain; if they do, it must prove a NodeId. */
    OPTIONAL,
    /** Clients must present a chain proving a NodeId. */
    REQUIRE,
}
