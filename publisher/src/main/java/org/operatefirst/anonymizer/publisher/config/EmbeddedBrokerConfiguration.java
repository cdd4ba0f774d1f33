package org.operatefirst.anonymizer.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * The embedded single-node KRaft broker, started when no {@code kafka.bootstrap.servers} is configured.
 *
 * @param port           the client port ({@code anonymizer.embedded-broker.port}, default 9092; 0 picks a free one)
 * @param controllerPort the KRaft controller port ({@code anonymizer.embedded-broker.controller-port}, default 0:
 *                       a free one)
 * @param dataDir        where the broker keeps its logs ({@code anonymizer.embedded-broker.data-dir}, default
 *                       {@code ./data/kafka}), kept across restarts
 */
@ConfigurationProperties("anonymizer.embedded-broker")
public record EmbeddedBrokerConfiguration(
        @Bindable(defaultValue = "9092") int port,
        @Bindable(defaultValue = "0") int controllerPort,
        @Bindable(defaultValue = "./data/kafka") Path dataDir) {

    /** Validates the ports. */
    public EmbeddedBrokerConfiguration {
        requirePort("anonymizer.embedded-broker.port", port);
        requirePort("anonymizer.embedded-broker.controller-port", controllerPort);
    }

    private static void requirePort(final String key, final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(key + " must be between 0 and 65535, got " + port);
        }
    }
}
