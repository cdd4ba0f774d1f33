package org.operatefirst.anonymizer.publisher.kafka;

import jakarta.inject.Singleton;
import java.util.Map;
import org.operatefirst.anonymizer.ingest.http.IngestKafka;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Gives the HTTP receivers of the ingest module what they need from the service: the Kafka client properties
 * ({@code kafka.*} overlaid with {@code kafka.producers.ingest.*}), the raw topic names, and whether the cluster
 * is the embedded broker.
 */
@Singleton
final class IngestKafkaBinding implements IngestKafka {

    /** The producer's name in configuration: {@code kafka.producers.ingest.*}. */
    static final String PRODUCER_NAME = "ingest";

    private final KafkaClientProperties clientProperties;
    private final TopicsConfiguration topics;
    private final KafkaCluster cluster;

    IngestKafkaBinding(final KafkaClientProperties clientProperties, final TopicsConfiguration topics,
            final KafkaCluster cluster) {
        this.clientProperties = clientProperties;
        this.topics = topics;
        this.cluster = cluster;
    }

    @Override
    public Map<String, Object> producerProperties() {
        return clientProperties.producer(PRODUCER_NAME);
    }

    @Override
    public String rawTopic(final RecordKind kind) {
        return topics.names().raw(kind);
    }

    @Override
    public boolean embeddedBroker() {
        return switch (cluster) {
            case KafkaCluster.Embedded embedded -> true;
            case KafkaCluster.External external -> false;
        };
    }
}
