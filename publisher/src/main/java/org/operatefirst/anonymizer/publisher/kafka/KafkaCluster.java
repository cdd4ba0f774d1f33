package org.operatefirst.anonymizer.publisher.kafka;

import java.util.Objects;
import org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker;

/** The Kafka cluster the service talks to: an external one that was configured, or the embedded broker. */
public sealed interface KafkaCluster extends AutoCloseable permits KafkaCluster.External, KafkaCluster.Embedded {

    /**
     * The bootstrap servers every client of the service uses.
     *
     * @return a {@code host:port[,host:port...]} list
     */
    String bootstrapServers();

    /** Releases what the service started; an external cluster is left alone. */
    @Override
    void close();

    /**
     * A cluster that was configured with {@code kafka.bootstrap.servers}.
     *
     * @param bootstrapServers the configured bootstrap servers
     */
    record External(String bootstrapServers) implements KafkaCluster {
        /** Validates the address list. */
        public External {
            if (Objects.requireNonNull(bootstrapServers, "bootstrapServers").isBlank()) {
                throw new IllegalArgumentException("kafka.bootstrap.servers must not be blank");
            }
        }

        @Override
        public void close() {
            // Not ours to stop.
        }
    }

    /**
     * The single-node broker this service started in-process.
     *
     * @param broker the running broker
     */
    record Embedded(EmbeddedKafkaBroker broker) implements KafkaCluster {
        /** Validates the broker. */
        public Embedded {
            Objects.requireNonNull(broker, "broker");
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
