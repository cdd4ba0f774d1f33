package org.operatefirst.anonymizer.publisher.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness of the publisher ({@code /health/liveness}): the process answers and Kafka Streams has not stopped or
 * failed. Only this decides that the platform restarts the pod; a leaked or overdue canary never does (it is an
 * alert, through {@code anonymizer_canary_failures_total} and the PrometheusRule), so the evidence stays.
 */
@Singleton
@Liveness
@Requires(beans = PublisherStreams.class)
final class StreamsLivenessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final PublisherStreams streams;

    StreamsLivenessIndicator(final PublisherStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams.State state = streams.state();
        healthStatus = liveness(state);
        return Map.of("state", state.name());
    }

    /** Alive unless the client has stopped or failed for good. */
    static HealthStatus liveness(final KafkaStreams.State state) {
        return switch (state) {
            case CREATED, REBALANCING, RUNNING -> HealthStatus.UP;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> HealthStatus.DOWN;
        };
    }

    @Override
    protected String getName() {
        return "kafka-streams-alive";
    }
}
