package org.operatefirst.anonymizer.publisher.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Reports the publisher's Kafka Streams state on {@code /health}: up while running or rebalancing, down once the
 * client has stopped or failed, so that the platform restarts the pod.
 */
@Singleton
@Requires(beans = PublisherStreams.class)
final class StreamsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final PublisherStreams streams;

    StreamsHealthIndicator(final PublisherStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams.State state = streams.state();
        healthStatus = switch (state) {
            case RUNNING, REBALANCING -> HealthStatus.UP;
            case CREATED -> HealthStatus.UNKNOWN;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> HealthStatus.DOWN;
        };
        return Map.of("state", state.name());
    }

    @Override
    protected String getName() {
        return "kafka-streams";
    }
}
