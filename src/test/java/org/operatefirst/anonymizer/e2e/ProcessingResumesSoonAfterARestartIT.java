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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerProcess;
import org.operatefirst.anonymizer.publisher.cli.AnonymizerCli;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long processing stops when the service restarts, crashed ({@code SIGKILL}) or clean ({@code SIGTERM}), with
 * the service's default Kafka settings (no test-only timeouts): log lines flow into {@code raw.logs} all along;
 * the time from starting the successor until the first line written after the stop comes out in the public tier
 * is measured, logged and must stay under 20 seconds (the goal is 10). It includes the successor's JVM start.
 * Measured with two brokers: the tests' shared broker ({@link KafkaBrokerExtension}: embedded in the test JVM
 * here), and a real {@code kafka.Kafka} in a JVM of its own ({@link KafkaBrokerProcess}), as a cluster is, which
 * the service's processes, killed or stopped, cannot affect.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessingResumesSoonAfterARestartIT {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingResumesSoonAfterARestartIT.class);

    private final KafkaBroker broker;
    private final List<Process> instances = new ArrayList<>();
    /** The broker in its own JVM, started by the first test that needs it. */
    private static KafkaBrokerProcess external;
    /** The bootstrap servers of the current test's broker. */
    private String bootstrapServers;

    ProcessingResumesSoonAfterARestartIT(final KafkaBroker broker) {
        this.broker = broker;
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @AfterAll
    static void stopTheExternalBroker() {
        if (external != null) {
            external.close();
            external = null;
        }
    }

    @ParameterizedTest(name = "{1} on the {0} broker")
    @CsvSource({"shared, SIGKILL", "shared, SIGTERM", "external, SIGKILL", "external, SIGTERM"})
    @Timeout(240)
    void theSuccessorPublishesWithinTwentySecondsOfItsStart(final String where, final String signal)
            throws Exception {
        final String id = broker.uniqueName("restart");
        final TopicNames topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.",
                id + ".quarantine", id + ".identities", id + ".consent");
        final String applicationId = broker.uniqueName("restart-publisher");
        if (where.equals("external")) {
            if (external == null) {
                final Path logs = Files.createDirectories(Path.of("target", "restart-it"));
                external = KafkaBrokerProcess.start(Files.createTempDirectory(logs, "external-broker-"));
            }
            bootstrapServers = external.bootstrapServers();
            external.createTopics(topics.all(), 3);
        } else {
            bootstrapServers = broker.bootstrapServers();
            broker.createTopics(topics.all(), 3);
        }
        final Path secret = Files.createTempFile("restart-secret-", ".key");
        final byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(secret, bytes);

        final AtomicLong sequence = new AtomicLong();
        final AtomicBoolean producing = new AtomicBoolean(true);
        final Thread producer = new Thread(() -> produce(topics.raw(RecordKind.LOGS), sequence, producing));
        try (KafkaConsumer<byte[], byte[]> outputs = consumer(topics.output(Tier.PUBLIC, RecordKind.LOGS))) {
            final Process first = start(topics, applicationId, secret, where + "-" + signal + "-1");
            producer.start();
            await("the first instance publishes").atMost(Duration.ofSeconds(90)).pollInSameThread()
                    .until(() -> maxSequence(outputs) > 0);
            if (signal.equals("SIGKILL")) {
                first.destroyForcibly();
            } else {
                first.destroy();
            }
            assertThat(first.waitFor(70, TimeUnit.SECONDS)).isTrue();
            final long afterStop = sequence.get();
            final long restart = System.nanoTime();
            start(topics, applicationId, secret, where + "-" + signal + "-2");
            await("the successor publishes what came after the stop").atMost(Duration.ofSeconds(120))
                    .pollInSameThread().until(() -> maxSequence(outputs) > afterStop);
            final Duration resumed = Duration.ofNanos(System.nanoTime() - restart);
            LOG.info("After {} on the {} broker, processing resumed {} ms after the successor was started", signal,
                    where, resumed.toMillis());
            assertThat(resumed).as("pause after %s on the %s broker", signal, where).isLessThan(LIMIT);
        } finally {
            producing.set(false);
            producer.join();
        }
    }

    /** A line every 50 ms, each with its number, which the scrubbers leave alone. */
    private void produce(final String topic, final AtomicLong sequence, final AtomicBoolean producing) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer())) {
            while (producing.get()) {
                final long next = sequence.incrementAndGet();
                producer.send(new ProducerRecord<>(topic, ("restart probe seq=" + next + " done")
                        .getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(50);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long maxSequence(final KafkaConsumer<byte[], byte[]> outputs) {
        long max = 0;
        for (final ConsumerRecord<byte[], byte[]> record : outputs.poll(Duration.ofMillis(200))) {
            final String text = new String(record.value(), StandardCharsets.UTF_8);
            final int at = text.indexOf("seq=");
            if (at >= 0) {
                final int end = text.indexOf(' ', at);
                max = Math.max(max, Long.parseLong(text.substring(at + 4, end < 0 ? text.length() : end)));
            }
        }
        seen = Math.max(seen, max);
        return seen;
    }

    private long seen;

    private KafkaConsumer<byte[], byte[]> consumer(final String topic) {
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, broker.uniqueName("restart-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private Process start(final TopicNames topics, final String applicationId, final Path secret,
            final String name) throws IOException {
        final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Danonymizer.embedded-broker.mode=never",
                "-Danonymizer.keys.secret-file=" + secret,
                "-Danonymizer.topics.raw-prefix=" + topics.rawPrefix(),
                "-Danonymizer.topics.sanitized-prefix=" + topics.sanitizedPrefix(),
                "-Danonymizer.topics.public-prefix=" + topics.publicPrefix(),
                "-Danonymizer.topics.quarantine=" + topics.quarantine(),
                "-Danonymizer.topics.identities=" + topics.identities(),
                "-Danonymizer.topics.consent=" + topics.consent(),
                "-Dkafka.streams.publisher.application.id=" + applicationId,
                "-Dmicronaut.server.port=-1",
                "-Danonymizer.ingest.enabled=false",
                "-Danonymizer.canary.enabled=false",
                AnonymizerCli.class.getName(), "serve"));
        final Path log = Path.of("target", "restart-it", name + ".log");
        Files.createDirectories(log.getParent());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        instances.add(process);
        return process;
    }
}
