package org.operatefirst.anonymizer.publisher.kafka;

/** When the service starts its embedded broker ({@code anonymizer.embedded-broker.mode}). */
public enum EmbeddedBrokerMode {
    /** Start it if and only if no {@code kafka.bootstrap.servers} is configured: the default. */
    AUTO,
    /** Always start it and ignore any configured cluster: what {@code anonymizer demo} uses. */
    ALWAYS,
    /** Never start it; a missing {@code kafka.bootstrap.servers} stops the service: for deployments. */
    NEVER
}
