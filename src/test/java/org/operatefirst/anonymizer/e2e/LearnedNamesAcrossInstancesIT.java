package org.operatefirst.anonymizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * The instances share the user names they learn through the {@code anonymizer.learned-names.topic} (ADR-0024): a
 * name another instance wrote there is replaced in a record that names it without context, and a name this
 * instance learns is written there for the others.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LearnedNamesAcrossInstancesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PUBLIC_EPOCH = 2026;

    private final KafkaBroker broker;
    private final TopicNames topics;
    private final String learnedNames;
    private final byte[] secret = new byte[32];
    private Service service;

    LearnedNamesAcrossInstancesIT(final KafkaBroker broker) {
        this.broker = broker;
        final String id = broker.uniqueName("learned");
        this.topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.", id + ".quarantine",
                id + ".identities", id + ".consent");
        this.learnedNames = id + ".learned-names";
    }

    @AfterEach
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aNameAnotherInstanceLearnedIsReplacedHereAndANameLearnedHereIsShared() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(learnedNames, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        try (KafkaProducer<String, String> producer = producer()) {
            // What another instance wrote when a record gave kroe42 away, an hour ago.
            producer.send(new ProducerRecord<>(learnedNames, "kroe42",
                    Long.toString(System.currentTimeMillis() - Duration.ofHours(1).toMillis()))).get();
        }
        new SecureRandom().nextBytes(secret);
        service = Service.start(properties());
        final String pseudonym = Scrubber.create(MasterSecret.of(secret), Tier.PUBLIC, PUBLIC_EPOCH)
                .pseudonymizer().username("kroe42");

        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topics.output(Tier.PUBLIC, RecordKind.LOGS), learnedNames));
            final List<String> published = new ArrayList<>();
            final List<String> shared = new ArrayList<>();
            producer.send(new ProducerRecord<>(topics.raw(RecordKind.LOGS), "GET /user/jdoe77/lab 200")).get();
            // The name may reach this instance's memory after the service started: ask until it has.
            await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(500)).until(() -> {
                producer.send(new ProducerRecord<>(topics.raw(RecordKind.LOGS), "server of kroe42 stopped"));
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    (record.topic().equals(learnedNames) ? shared : published).add(
                            record.topic().equals(learnedNames) ? record.key() : record.value());
                }
                return published.contains("server of " + pseudonym + " stopped") && shared.contains("jdoe77");
            });
            assertThat(published).noneMatch(value -> value.contains("jdoe77"));
        }
    }

    private Map<String, Object> properties() {
        final Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("anonymizer.embedded-broker.mode", "never");
        properties.put("anonymizer.keys.secret", Base64.getEncoder().encodeToString(secret));
        properties.put("anonymizer.keys.epoch", PUBLIC_EPOCH);
        properties.put("micronaut.server.port", -1);
        properties.put("anonymizer.ingest.enabled", false);
        properties.put("anonymizer.canary.enabled", false);
        properties.put("anonymizer.topics.raw-prefix", topics.rawPrefix());
        properties.put("anonymizer.topics.sanitized-prefix", topics.sanitizedPrefix());
        properties.put("anonymizer.topics.public-prefix", topics.publicPrefix());
        properties.put("anonymizer.topics.quarantine", topics.quarantine());
        properties.put("anonymizer.topics.identities", topics.identities());
        properties.put("anonymizer.topics.consent", topics.consent());
        properties.put("anonymizer.learned-names.topic", learnedNames);
        properties.put("kafka.streams.publisher.application.id", broker.uniqueName("learned-publisher"));
        return properties;
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, broker.uniqueName("learned-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer());
    }
}
