package org.operatefirst.anonymizer.publisher.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Kafka Streams states keep the pod alive, and which let it receive traffic. */
class ProbesTest {

    @ParameterizedTest(name = "{0}: alive {1}, ready {2}")
    @CsvSource(textBlock = """
            CREATED,          UP,   DOWN
            REBALANCING,      UP,   DOWN
            RUNNING,          UP,   UP
            PENDING_SHUTDOWN, DOWN, DOWN
            NOT_RUNNING,      DOWN, DOWN
            PENDING_ERROR,    DOWN, DOWN
            ERROR,            DOWN, DOWN
            """)
    void livenessIsStreamsAliveAndReadinessIsStreamsRunning(final KafkaStreams.State state, final String alive,
            final String ready) {
        assertThat(StreamsLivenessIndicator.liveness(state).getName()).isEqualTo(alive);
        assertThat(StreamsHealthIndicator.readiness(state).getName()).isEqualTo(ready);
    }
}
