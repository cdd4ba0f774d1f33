package org.operatefirst.anonymizer.e2e.ingest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a raw topic from the beginning, for assertions on what the receivers produced. */
final class RawTopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    RawTopicReader(final String bootstrapServers, final String group, final String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /**
     * Polls until the records read so far satisfy a condition.
     *
     * @param timeout   how long to wait
     * @param condition what must hold of all records read
     * @return all records read
     */
    List<ConsumerRecord<byte[], byte[]>> until(final Duration timeout,
            final Predicate<List<ConsumerRecord<byte[], byte[]>>> condition) {
        await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return condition.test(records);
        });
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
