package org.operatefirst.anonymizer.publisher.kafka;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka client properties passed through from configuration: everything under {@code kafka.*} (for example
 * {@code kafka.security.protocol} or {@code kafka.ssl.truststore.location} for a Strimzi cluster) applies to every
 * client; {@code kafka.streams.<name>.*} applies to one Kafka Streams application only, and
 * {@code kafka.producers.<name>.*} to one producer only. The bootstrap servers always come from the resolved
 * {@link KafkaCluster}.
 *
 * <p>Each setting may come from the bundled {@code application.yml}, a configuration file
 * ({@code micronaut.config.files}), an environment variable, a system property or the service's own properties:
 * {@code KAFKA_SECURITY_PROTOCOL=SSL} is {@code kafka.security.protocol}, {@code KAFKA_STREAMS_PUBLISHER_CLIENT_ID}
 * is {@code kafka.streams.publisher.client.id} (lower case, every {@code _} a {@code .}: Kafka's own names have
 * neither {@code _} nor {@code -}). Where several set one key, Micronaut's precedence decides: the service's own
 * properties, then system properties, environment variables, configuration files, {@code application.yml}.
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
        final Map<String, Object> properties = under(PREFIX);
        properties.keySet().removeIf(key -> key.equals(STREAMS) || key.startsWith(STREAMS + ".")
                || key.equals(PRODUCERS) || key.startsWith(PRODUCERS + "."));
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return properties;
    }

    /**
     * Properties for one Kafka Streams application: the common ones overlaid with
     * {@code kafka.streams.<name>.*}. Unless configured, {@code num.stream.threads} is the number of processors
     * the JVM may use (in a container, its CPU limit): scrubbing is CPU-bound, so one stream thread per CPU keeps
     * them all busy when the instance has at least as many input partitions.
     *
     * @param name the application's name in configuration, for example {@code publisher}
     * @return a new mutable map
     */
    public Map<String, Object> streams(final String name) {
        final Map<String, Object> properties = common();
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
        properties.putAll(under(PREFIX + "." + STREAMS + "." + name));
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
        properties.putAll(under(PREFIX + "." + PRODUCERS + "." + name));
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return properties;
    }

    /**
     * Every setting under a prefix, keyed by its Kafka name relative to the prefix. Micronaut keeps the keys as
     * written (the raw catalog) only for property files, system properties and the context's properties; an
     * environment variable is filed under generated names alone ({@code kafka.security.protocol},
     * {@code kafka.security-protocol}, {@code kafka-security.protocol}, ...), which the raw catalog never holds.
     * So the keys are collected from both places, the variables' under their one name with dots, and each value
     * is then looked up by its full name, which applies Micronaut's precedence across all sources.
     */
    private Map<String, Object> under(final String prefix) {
        final String dotted = prefix + ".";
        final Set<String> keys = new LinkedHashSet<>(environment.getProperties(prefix, StringConvention.RAW).keySet());
        for (final PropertySource source : environment.getPropertySources()) {
            if (source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE) {
                for (final String variable : source) {
                    final String name = variable.toLowerCase(Locale.ROOT).replace('_', '.');
                    if (name.startsWith(dotted) && name.length() > dotted.length()) {
                        keys.add(name.substring(dotted.length()));
                    }
                }
            }
        }
        final Map<String, Object> properties = new HashMap<>();
        for (final String key : keys) {
            environment.getProperty(dotted + key, Object.class).ifPresent(value -> properties.put(key, value));
        }
        return properties;
    }
}
