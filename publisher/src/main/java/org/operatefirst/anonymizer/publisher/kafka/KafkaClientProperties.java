package org.operatefirst.anonymizer.publisher.kafka;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Kafka client properties passed through from configuration: everything under {@code kafka.*} (for example
 * {@code kafka.security.protocol} or {@code kafka.ssl.truststore.location} for a Strimzi cluster) applies to every
 * client; {@code kafka.streams.<name>.*} applies to one Kafka Streams application only, and
 * {@code kafka.producers.<name>.*} to one producer only. The bootstrap servers always come from the resolved
 * {@link KafkaCluster}.
 */
@Singleton
public final class KafkaClientProperties {

    private static final String PREFIX = "kafka";
    private static final String STREAMS = "streams";
    private static final String PRODUCERS = "producers";

    private final Environment environment;
    private final KafkaCluster cluster;

    KafkaClientProperties(final Environment environment, final KafkaCluster cluster) {
        this.environment = environment;
        this.cluster = cluster;
    }

    /**
     * Properties for plain clients (admin, producers, consumers).
     *
     * @return a new mutable map
     */
    public Map<String, Object> common() {
        final Map<String, Object> properties = new HashMap<>();
        environment.getProperties(PREFIX, StringConvention.RAW).forEach((key, value) -> {
            if (!key.equals(STREAMS) && !key.startsWith(STREAMS + ".")
                    && !key.equals(PRODUCERS) && !key.startsWith(PRODUCERS + ".")) {
                properties.put(key, value);
            }
        });
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return properties;
    }

    /**
     * Properties for one Kafka Streams application: the common ones overlaid with
     * {@code kafka.streams.<name>.*}.
     *
     * @param name the application's name in configuration, for example {@code publisher}
     * @return a new mutable map
     */
    public Map<String, Object> streams(final String name) {
        final Map<String, Object> properties = common();
        properties.putAll(environment.getProperties(PREFIX + "." + STREAMS + "." + name, StringConvention.RAW));
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return properties;
    }

    /**
     * Properties for one named producer: the common ones overlaid with {@code kafka.producers.<name>.*}.
     *
     * @param name the producer's name in configuration, for example {@code ingest}
     * @return a new mutable map
     */
    public Map<String, Object> producer(final String name) {
        final Map<String, Object> properties = common();
        properties.putAll(environment.getProperties(PREFIX + "." + PRODUCERS + "." + name, StringConvention.RAW));
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return properties;
    }
}
