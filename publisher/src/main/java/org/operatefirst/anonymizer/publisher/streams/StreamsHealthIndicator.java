package org.operatefirst.anonymizer.publisher.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Readiness of the publisher ({@code /health/readiness}, and {@code /health}): up only while Kafka Streams is
 * {@code RUNNING}. While it starts or rebalances, the pod is out of the Service (503) and is not restarted; {@link StreamsLivenessIndicator} decides about restarts.
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
        healthStatus = readiness(state);
        return Map.of("state", state.name());
    }

    /** Up while running only: what a pod that may receive ingest traffic and publish must be. */
    static HealthStatus readiness(final KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> HealthStatus.UP;
            // UNKNOWN would answer 200: readiness is RUNNING only.
            case CREATED, REBALANCING, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> HealthStatus.DOWN;
        };
    }

    @Override
    protected String getName() {
        return "kafka-streams";
    }
}
