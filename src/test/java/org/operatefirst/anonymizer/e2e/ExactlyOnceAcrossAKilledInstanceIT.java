package org.operatefirst.anonymizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.AnonymizerCli;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once across a crash. The service runs in a child JVM, as in a pod; while records with unique ids flow
 * into the raw topics, the JVM is killed ({@code SIGKILL}: no shutdown hook, no commit, no leaving the group) and a
 * new one is started with the same application id, as the platform would restart the pod. A
 * {@code read_committed} consumer then finds every published record exactly once in its sanitized and its public
 * topic, and every malformed one exactly once in quarantine: what the killed instance had processed but not
 * committed was aborted and done again by its successor, never both. The instances commit every two seconds and
 * send records at once, and the kill waits until an open transaction has records on the broker, so the test
 * always exercises the abort (a {@code read_uncommitted} reader sees those records twice).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceAcrossAKilledInstanceIT {

    private static final int RECORDS = 4_000;
    private static final int RATE_PER_SECOND = 400;
    /** Every so many records one is not UTF-8, so it goes to quarantine; prime, so every kind gets some. */
    private static final int MALFORMED_EVERY = 37;
    private static final int PARTITIONS = 3;
    private static final String ID_MARKER = "request-";
    private static final int ID_DIGITS = 6;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Records an open transaction must have on the broker when the instance is killed. */
    private static final int IN_FLIGHT_AT_KILL = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceAcrossAKilledInstanceIT.class);

    private final KafkaBroker broker;
    private final TopicNames topics;
    private final String applicationId;
    private final List<Process> instances = new ArrayList<>();
    private final Map<String, List<Integer>> received = new HashMap<>();

    ExactlyOnceAcrossAKilledInstanceIT(final KafkaBroker broker) {
        this.broker = broker;
        final String id = broker.uniqueName("eos");
        this.topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.", id + ".quarantine",
                id + ".identities", id + ".consent");
        this.applicationId = broker.uniqueName("eos-publisher");
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @Test
    @Timeout(300)
    void everyRecordComesOutExactlyOnceAfterTheInstanceIsKilledMidStream() throws Exception {
        broker.createTopics(topics.all(), PARTITIONS);
        final Path secret = Files.createTempFile("eos-secret-", ".key");
        final byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(secret, bytes);

        try (KafkaConsumer<byte[], byte[]> outputs = outputConsumer("read_committed");
                KafkaConsumer<byte[], byte[]> uncommitted = outputConsumer("read_uncommitted")) {
            final Process first = startInstance(secret, 1);
            final AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            final Thread producer = new Thread(() -> {
                try {
                    produce();
                } catch (final Throwable e) {
                    producerFailure.set(e);
                }
            }, "eos-producer");
            producer.start();

            // Kill while a transaction is open and its records are already on the broker: a reader that ignores
            // transactions sees more than a read_committed one.
            final Map<String, List<Integer>> seenUncommitted = new HashMap<>();
            await("a fifth of the records published, and more written in an open transaction").atMost(TIMEOUT)
                    .pollInSameThread().until(() -> {
                        assertAlive(first, 1);
                        poll(outputs, received);
                        poll(uncommitted, seenUncommitted);
                        return published(Tier.PUBLIC, received) >= RECORDS / 5
                                && published(Tier.PUBLIC, seenUncommitted)
                                        >= published(Tier.PUBLIC, received) + IN_FLIGHT_AT_KILL;
                    });
            first.destroyForcibly().waitFor();
            final int publishedAtKill = published(Tier.PUBLIC, received);
            final boolean stillProducing = producer.isAlive();

            final Process second = startInstance(secret, 2);
            producer.join(TIMEOUT.toMillis());
            assertThat(producerFailure.get()).as("producer failure").isNull();
            final int expectedMalformed = RECORDS / MALFORMED_EVERY;
            final int expectedPublished = RECORDS - expectedMalformed;
            await("every record out").atMost(TIMEOUT).pollInSameThread().until(() -> {
                assertAlive(second, 2);
                poll(outputs, received);
                return published(Tier.SANITIZED, received) >= expectedPublished
                        && published(Tier.PUBLIC, received) >= expectedPublished
                        && received.getOrDefault(topics.quarantine(), List.of()).size() >= expectedMalformed;
            });
            // Anything still to come would be a duplicate: wait until the instance has committed its position
            // at the end of every raw partition, then read every output to its end.
            awaitNoLag();
            readToEnd(outputs);

            assertThat(stillProducing || publishedAtKill < expectedPublished)
                    .as("the kill came before everything was published (%d of %d)", publishedAtKill,
                            expectedPublished).isTrue();
            final int aborted = abortedDuplicates();
            LOG.info("Killed the first instance after {} of {} records were published; a read_uncommitted reader "
                    + "sees {} public records twice (written, then aborted, by the killed instance)",
                    publishedAtKill, expectedPublished, aborted);
            assertThat(aborted).as("records the killed instance wrote in its open transaction").isPositive();
        }

        final Map<RecordKind, Set<Integer>> expected = new TreeMap<>();
        final List<Integer> malformed = new ArrayList<>();
        for (int id = 0; id < RECORDS; id++) {
            if (isMalformed(id)) {
                malformed.add(id);
            } else {
                expected.computeIfAbsent(kindOf(id), k -> new TreeSet<>()).add(id);
            }
        }
        for (final Tier tier : Tier.values()) {
            for (final RecordKind kind : RecordKind.values()) {
                final String topic = topics.output(tier, kind);
                final List<Integer> ids = received.getOrDefault(topic, List.of());
                assertThat(duplicates(ids)).as("records published twice to %s", topic).isEmpty();
                assertThat(Set.copyOf(ids)).as("records published to %s", topic).isEqualTo(expected.get(kind));
            }
        }
        final List<Integer> quarantined = received.getOrDefault(topics.quarantine(), List.of());
        assertThat(duplicates(quarantined)).as("records quarantined twice").isEmpty();
        assertThat(quarantined).as("quarantined records").containsExactlyInAnyOrderElementsOf(malformed);
        Files.deleteIfExists(secret);
    }

    /** Starts the service in a child JVM, as {@code bin/anonymizer serve} would run in a pod. */
    private Process startInstance(final Path secret, final int number) throws IOException {
        final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Danonymizer.embedded-broker.mode=never",
                "-Danonymizer.keys.secret-file=" + secret,
                "-Danonymizer.topics.raw-prefix=" + topics.rawPrefix(),
                "-Danonymizer.topics.sanitized-prefix=" + topics.sanitizedPrefix(),
                "-Danonymizer.topics.public-prefix=" + topics.publicPrefix(),
                "-Danonymizer.topics.quarantine=" + topics.quarantine(),
                "-Danonymizer.topics.identities=" + topics.identities(),
                "-Danonymizer.topics.consent=" + topics.consent(),
                "-Dkafka.streams.publisher.application.id=" + applicationId,
                // Long transactions whose records go out at once: a kill lands inside one with data written.
                "-Dkafka.streams.publisher.commit.interval.ms=2000",
                "-Dkafka.streams.publisher.producer.linger.ms=0",
                // The successor takes the partitions over once the killed member's session has expired.
                "-Dkafka.streams.publisher.session.timeout.ms=6000",
                "-Dkafka.streams.publisher.heartbeat.interval.ms=1000",
                "-Dmicronaut.server.port=-1",
                "-Danonymizer.ingest.enabled=false",
                // Canaries would add records of their own to the counted outputs.
                "-Danonymizer.canary.enabled=false",
                AnonymizerCli.class.getName(), "serve"));
        final Path log = logOf(number);
        Files.createDirectories(log.getParent());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        instances.add(process);
        return process;
    }

    /** Fails at once, naming the log, when an instance has stopped by itself. */
    private static void assertAlive(final Process instance, final int number) {
        if (!instance.isAlive()) {
            throw new AssertionError("instance " + number + " exited with status " + instance.exitValue()
                    + "; see " + logOf(number).toAbsolutePath());
        }
    }

    private static Path logOf(final int number) {
        return Path.of("target", "eos-instance-" + number + ".log");
    }

    /** Produces every record once, at a steady rate, so the kill lands while records flow. */
    private void produce() throws Exception {
        final Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            final long start = System.nanoTime();
            for (int id = 0; id < RECORDS; id++) {
                final long wait = start + id * 1_000_000_000L / RATE_PER_SECOND - System.nanoTime();
                if (wait > 0) {
                    // Pacing the load, not waiting for a result: records flow while the instance is killed.
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                producer.send(new ProducerRecord<>(topics.raw(kindOf(id)), record(id))).get();
            }
        }
    }

    private static RecordKind kindOf(final int id) {
        return RecordKind.values()[id % RecordKind.values().length];
    }

    private static boolean isMalformed(final int id) {
        return id % MALFORMED_EVERY == MALFORMED_EVERY - 1;
    }

    /** A record of the id's kind with a fictional identity and the id, which no scrubber rewrites. */
    private static byte[] record(final int id) {
        final String tag = ID_MARKER + String.format("%0" + ID_DIGITS + "d", id);
        final String email = "user" + id % 100 + "@example.org";
        if (isMalformed(id)) {
            return ("caf\u00e9 " + tag + " owner " + email).getBytes(StandardCharsets.ISO_8859_1);
        }
        final String text = switch (kindOf(id)) {
            case LOGS -> "[I 2021-05-05 10:02:42.206 JupyterHub pages:402] " + email + " is pending spawn, " + tag
                    + " from 192.0.2." + (id % 250 + 1);
            case EVENTS -> "{\"kind\":\"Event\",\"metadata\":{\"namespace\":\"openshift-etcd\"},"
                    + "\"reason\":\"Unhealthy\",\"message\":\"probe of " + email + " failed, " + tag + "\"}";
            case METRICS -> "apiserver_request_total{namespace=\"openshift-etcd\",request=\"" + tag
                    + "\",instance=\"198.51.100." + (id % 250 + 1) + ":8443\"} 1\n";
            case ALERTS -> "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"EtcdSlow\","
                    + "\"namespace\":\"openshift-etcd\"},\"annotations\":{\"description\":\"" + tag
                    + " owned by " + email + "\"}}]}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaConsumer<byte[], byte[]> outputConsumer(final String isolationLevel) {
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : topics.all()) {
            if (!topic.startsWith(topics.rawPrefix())) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    partitions.add(new TopicPartition(topic, partition));
                }
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void poll(final KafkaConsumer<byte[], byte[]> consumer, final Map<String, List<Integer>> into) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            into.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(idOf(record));
        }
    }

    /** Polls until the consumer has reached the last stable offset of every output partition. */
    private void readToEnd(final KafkaConsumer<byte[], byte[]> consumer) {
        await("outputs read to their end").atMost(TIMEOUT).pollInSameThread().until(() -> {
            poll(consumer, received);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
    }

    /** Waits until the application has committed its position at the end of every raw partition. */
    private void awaitNoLag() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (final RecordKind kind : RecordKind.values()) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    latest.put(new TopicPartition(topics.raw(kind), partition), OffsetSpec.latest());
                }
            }
            await("no lag on the raw topics").atMost(TIMEOUT).ignoreExceptions().until(() -> {
                final Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
                    final OffsetAndMetadata offset = committed.get(end.getKey());
                    return end.getValue().offset() == 0
                            || offset != null && offset.offset() >= end.getValue().offset();
                });
            });
        }
    }

    /** Public records that a reader who ignores transactions sees more than once: the killed instance's. */
    private int abortedDuplicates() {
        final Map<String, List<Integer>> all = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final RecordKind kind : RecordKind.values()) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    partitions.add(new TopicPartition(topics.output(Tier.PUBLIC, kind), partition));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    all.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(idOf(record));
                }
            }
        }
        return all.values().stream().mapToInt(ids -> duplicates(ids).size()).sum();
    }

    private int published(final Tier tier, final Map<String, List<Integer>> from) {
        int total = 0;
        for (final RecordKind kind : RecordKind.values()) {
            total += from.getOrDefault(topics.output(tier, kind), List.of()).size();
        }
        return total;
    }

    /** The id in a record's value; quarantined values are the raw Latin-1 bytes. */
    private static int idOf(final ConsumerRecord<byte[], byte[]> record) {
        final String text = new String(record.value(), StandardCharsets.ISO_8859_1);
        final int at = text.indexOf(ID_MARKER);
        if (at < 0) {
            throw new AssertionError("no id in a record of " + record.topic() + "-" + record.partition() + "@"
                    + record.offset());
        }
        final int from = at + ID_MARKER.length();
        return Integer.parseInt(text.substring(from, from + ID_DIGITS));
    }

    private static Set<Integer> duplicates(final List<Integer> ids) {
        return ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting())).entrySet().stream()
                .filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
