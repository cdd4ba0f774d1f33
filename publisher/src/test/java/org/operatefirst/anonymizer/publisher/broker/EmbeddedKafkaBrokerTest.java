package org.operatefirst.anonymizer.publisher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker.Settings;

class EmbeddedKafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDirectory;

    @Test
    void producesAndConsumesThroughAConsumerGroup() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Settings.of(dataDirectory))) {
            assertThat(broker.bootstrapServers()).startsWith("localhost:");
            createTopic(broker, "greetings");

            try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
                producer.send(new ProducerRecord<>("greetings", "k1", "hello")).get();
            }

            try (KafkaConsumer<String, String> consumer = consumer(broker, Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, "greeting-readers",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of("greetings"));
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("hello");
                consumer.commitSync();
            }
        }
    }

    @Test
    void commitsAndAbortsTransactionsOnOneNode() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Settings.of(dataDirectory))) {
            createTopic(broker, "ledger");

            try (KafkaProducer<String, String> producer = producer(broker,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ledger-writer"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("ledger", "k", "aborted"));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("ledger", "k", "committed"));
                producer.commitTransaction();
            }

            try (KafkaConsumer<String, String> consumer = consumer(broker,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
                readFromBeginning(consumer, "ledger");
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("committed");
            }
        }
    }

    @Test
    void keepsRecordsAndClusterIdAcrossARestartOnTheSameDirectory() throws Exception {
        final String clusterId;
        final EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(Settings.of(dataDirectory));
        try (first) {
            clusterId = first.clusterId();
            createTopic(first, "durable");
            try (KafkaProducer<String, String> producer = producer(first, Map.of())) {
                producer.send(new ProducerRecord<>("durable", "k", "before restart")).get();
            }
        }
        assertThat(first.isRunning()).isFalse();
        first.close();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(Settings.of(dataDirectory))) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(second.dataDirectory()).isEqualTo(dataDirectory.toAbsolutePath());
            try (KafkaConsumer<String, String> consumer = consumer(second, Map.of())) {
                readFromBeginning(consumer, "durable");
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value)
                        .containsExactly("before restart");
            }
        }
    }

    @Test
    void namesTheBrokerPortWhenItIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            final int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(Settings.of(dataDirectory).withPort(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("broker")
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void namesTheControllerPortWhenItIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            final int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(Settings.of(dataDirectory).withControllerPort(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("controller")
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void refusesADirectoryThatARunningBrokerUses() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Settings.of(dataDirectory))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(Settings.of(dataDirectory)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(broker.dataDirectory().toString());
            assertThat(broker.isRunning()).isTrue();
        }
    }

    @Test
    void stopsTheBrokerInsteadOfHaltingTheJvm() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Settings.of(dataDirectory))) {
            // What Kafka's fatal-fault handlers call; without the guard this would end the test JVM.
            assertThatThrownBy(() -> Exit.halt(1, "simulated fatal fault"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("simulated fatal fault");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void rejectsSettingsItDerivesItself() {
        final Settings settings = Settings.of(dataDirectory);
        assertThatThrownBy(() -> settings.withBrokerProperties(Map.of("listeners", "PLAINTEXT://:9092")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
        assertThatThrownBy(() -> settings.withPort(9092).withControllerPort(9092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9092");
        assertThatThrownBy(() -> settings.withPort(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        final Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        final Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        config.putAll(extra);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static void readFromBeginning(KafkaConsumer<String, String> consumer, String topic) {
        final List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer,
                                                                  int count) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(WAIT).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return records.size() >= count;
        });
        return records;
    }
}
