package org.operatefirst.anonymizer.publisher.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.operatefirst.anonymizer.publisher.topology.IdentitiesTable;

/**
 * The people of the compacted {@code identities} topic, read whole, as the service's identities table holds them:
 * the last value of every key, a tombstone removing the person, a value that is not one person ignored, in the
 * order of the keys' bytes. No consumer group: nothing is committed, and Read and Describe on the topic suffice.
 */
final class IdentitiesTopic {

    private IdentitiesTopic() {
    }

    /**
     * Reads the topic from its beginning to its end offsets at the time of the call.
     *
     * @param clientProperties Kafka client properties, with {@code bootstrap.servers}
     * @param topic            the identities topic
     * @param timeout          how long to wait for the cluster and the records
     * @return each person's directory line, in key order
     * @throws IllegalStateException if the topic does not exist or is not read within the timeout
     */
    static List<String> read(final Map<String, Object> clientProperties, final String topic,
            final Duration timeout) {
        final Map<String, Object> properties = new java.util.HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "anonymizer-pseudonym");
        final Instant deadline = Instant.now().plus(timeout);
        final TreeMap<Bytes, String> people = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("the topic " + topic + " does not exist");
            }
            final List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            while (!partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the topic " + topic + " was not read within " + timeout
                            + ": " + partitions.stream().filter(p -> consumer.position(p) < ends.get(p))
                                    .map(TopicPartition::toString).collect(Collectors.joining(", ")) + " behind");
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    // The table is keyed by the key as text, ordered by that text's bytes.
                    final Bytes person = Bytes.wrap(new String(record.key(), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8));
                    if (record.value() == null) {
                        people.remove(person);
                    } else if (IdentitiesTable.problem(record.value()) == null) {
                        people.put(person, new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return new ArrayList<>(people.values());
    }
}
