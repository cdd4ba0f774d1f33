package org.operatefirst.anonymizer.publisher.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.Map;
import org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker;
import org.operatefirst.anonymizer.publisher.config.EmbeddedBrokerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves the {@link KafkaCluster}: the configured one, or an embedded broker started here. */
@Factory
final class KafkaClusterFactory {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    KafkaCluster kafkaCluster(
            @Value("${kafka.bootstrap.servers:}") final String bootstrapServers,
            @Value("${anonymizer.embedded-broker.mode:auto}") final EmbeddedBrokerMode mode,
            final EmbeddedBrokerConfiguration embedded) {
        final boolean configured = !bootstrapServers.isBlank();
        final boolean startEmbedded = switch (mode) {
            case AUTO -> !configured;
            case ALWAYS -> true;
            case NEVER -> {
                if (!configured) {
                    throw new ConfigurationException("No Kafka cluster configured: set kafka.bootstrap.servers "
                            + "(environment variable KAFKA_BOOTSTRAP_SERVERS), or set "
                            + "anonymizer.embedded-broker.mode to auto to start the embedded broker");
                }
                yield false;
            }
        };
        if (!startEmbedded) {
            LOG.info("Using the Kafka cluster at {}", bootstrapServers);
            return new KafkaCluster.External(bootstrapServers);
        }
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(
                "localhost", embedded.port(), embedded.controllerPort(), embedded.dataDir(), Map.of()));
        LOG.info("No Kafka cluster configured: started an embedded single-node Kafka broker at {} with data in {}"
                + " (for development only: set KAFKA_BOOTSTRAP_SERVERS to use a real cluster)",
                broker.bootstrapServers(), embedded.dataDir().toAbsolutePath().normalize());
        return new KafkaCluster.Embedded(broker);
    }
}
