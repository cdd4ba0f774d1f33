package org.operatefirst.anonymizer.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionIT {

    private final KafkaBroker broker;

    KafkaBrokerExtensionIT(KafkaBroker broker) {
        this.broker = broker;
    }

    @Test
    void roundTripsARecordThroughTheSharedBroker() throws Exception {
        final String topic = broker.createTopic("round-trip");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "host-1", "{\"user\":\"alice@example.org\"}")).get();
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, broker.uniqueName("round-trip-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            final List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("host-1");
                assertThat(record.value()).isEqualTo("{\"user\":\"alice@example.org\"}");
            });
        }
    }

    @Test
    void injectsTheOneBrokerOfThisJvm(KafkaBroker parameter) {
        assertThat(parameter).isSameAs(broker).isSameAs(KafkaBrokerExtension.broker());
    }

    @Test
    void givesEveryTopicItsOwnNameAndToleratesExistingTopics() throws Exception {
        final String first = broker.createTopic("orders", 3);
        final String second = broker.createTopic("orders", 3);
        assertThat(first).startsWith("orders-").isNotEqualTo(second);

        broker.createTopics(List.of(first, second), 3);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(first)).allTopicNames().get().get(first).partitions())
                    .hasSize(3);
            assertThat(admin.listTopics().names().get()).contains(first, second);
        }
    }
}
