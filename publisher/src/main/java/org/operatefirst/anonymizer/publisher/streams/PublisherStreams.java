package org.operatefirst.anonymizer.publisher.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.operatefirst.anonymizer.publisher.kafka.KafkaClientProperties;
import org.operatefirst.anonymizer.publisher.kafka.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the publisher topology: created with the application context, after its topics exist, and closed with it.
 * Configured by {@code kafka.*} and {@code kafka.streams.publisher.*}. {@code anonymizer.streams.enabled: false}
 * leaves it out: {@code anonymizer bench} runs the same topology on its own topics and clock.
 */
@Context
@Requires(property = PublisherStreams.ENABLED_PROPERTY, notEquals = "false")
public final class PublisherStreams implements AutoCloseable {

    /** The name of this Kafka Streams application in configuration: {@code kafka.streams.publisher.*}. */
    public static final String NAME = "publisher";

    /** Set to {@code false} to build the service without running the topology (default {@code true}). */
    public static final String ENABLED_PROPERTY = "anonymizer.streams.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(PublisherStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;

    PublisherStreams(final Topology topology, final KafkaClientProperties clientProperties,
            final TopicProvisioner provisioner, final Optional<MeterRegistry> registry) {
        provisioner.ensureTopics();
        final Properties properties = new Properties();
        properties.putAll(clientProperties.streams(NAME));
        requireExactlyOnce(properties);
        this.streams = new KafkaStreams(topology, properties);
        this.streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("The publisher stream thread failed; shutting the client down", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.metrics = registry.map(r -> {
            final KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
            binder.bindTo(r);
            return binder;
        }).orElse(null);
        this.streams.start();
        LOG.info("Started Kafka Streams application {}", properties.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    private static void requireExactlyOnce(final Properties properties) {
        final Object guarantee = properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
            throw new IllegalArgumentException("kafka.streams." + NAME + "." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG
                    + " must be " + StreamsConfig.EXACTLY_ONCE_V2 + ", got " + guarantee
                    + ": at-least-once could publish a record twice");
        }
    }

    /**
     * The state of the Kafka Streams client.
     *
     * @return for example {@code RUNNING}
     */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Closes the streams client, committing what was processed. */
    @PreDestroy
    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        // Leave the group: a restarted instance otherwise waits out the old member's session timeout.
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
