package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pseudonym --bootstrap-servers} against a running service on the embedded broker: for a person the
 * service knows from the {@code identities} topic only, re-keyed there (their email is now one identifier of a
 * person whose key is their user name), it prints the pseudonym that the service writes into the sanitized tier;
 * without the topic it prints another one. A person deleted from the topic (a tombstone) is not in its directory.
 */
class PseudonymReadsTheIdentitiesTopicTest {

    @TempDir
    Path dir;

    @Test
    void printsThePseudonymTheServiceUsesForAPersonOfTheIdentitiesTopic() throws Exception {
        try (Service service = Service.start(Map.of(
                "anonymizer.embedded-broker.mode", "always",
                "anonymizer.embedded-broker.port", 0,
                "anonymizer.data-dir", dir.toString(),
                "anonymizer.topics.partitions", 1,
                "anonymizer.ingest.enabled", false,
                "anonymizer.canary.enabled", false,
                "micronaut.server.port", -1))) {
            final String bootstrap = service.kafka().bootstrapServers();
            final Path secret = dir.resolve("secret.key");
            final String unkeyed = firstLine(run("pseudonym", "--secret-file", secret.toString(), "--tier",
                    "sanitized", "jdoe@example.org"));

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("identities", "person-17", "jdoe\tjdoe@example.org\tJane Doe"));
                producer.send(new ProducerRecord<>("identities", "person-18", "rroe\trroe@example.com"));
                producer.send(new ProducerRecord<>("identities", "person-18", null));
                producer.flush();
                final String keyed = firstLine(run("pseudonym", "--secret-file", secret.toString(), "--tier",
                        "sanitized", "--bootstrap-servers", bootstrap, "--identities-topic", "identities",
                        "jdoe@example.org"));
                assertThat(keyed).isNotEqualTo(unkeyed).endsWith(".invalid");
                // The person deleted from the topic gets the pseudonym they have without a directory.
                assertThat(firstLine(run("pseudonym", "--secret-file", secret.toString(), "--tier", "sanitized",
                        "--bootstrap-servers", bootstrap, "rroe@example.com"))).isEqualTo(firstLine(run(
                                "pseudonym", "--secret-file", secret.toString(), "--tier", "sanitized",
                                "rroe@example.com")));

                // The service applies the topic from a record on: the keyed pseudonym is what it publishes.
                try (KafkaConsumer<byte[], byte[]> sanitized = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    sanitized.assign(List.of(new TopicPartition("sanitized.logs", 0)));
                    sanitized.seekToBeginning(List.of(new TopicPartition("sanitized.logs", 0)));
                    final List<String> published = new ArrayList<>();
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        producer.send(new ProducerRecord<>("raw.logs", "mail from jdoe@example.org"));
                        sanitized.poll(Duration.ofMillis(500)).forEach(record ->
                                published.add(new String(record.value(), StandardCharsets.UTF_8)));
                        return published.stream().anyMatch(line -> line.contains(keyed));
                    });
                    assertThat(published).allMatch(line -> line.contains(keyed) || line.contains(unkeyed));
                }
            }
        }
    }

    @Test
    void aClusterThatCannotBeReachedIsAnErrorNamingIt() throws Exception {
        final Path secret = dir.resolve("secret.key");
        java.nio.file.Files.write(secret, new byte[32]);
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new PseudonymCommand());
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("--secret-file", secret.toString(), "--bootstrap-servers", "localhost:1",
                "--timeout", "PT2S", "jdoe@example.org")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the identities topic identities from localhost:1");
    }

    private static String run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = AnonymizerCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute(args)).as("exit status; error output: %s", err).isZero();
        return out.toString();
    }

    private static String firstLine(final String output) {
        return output.lines().findFirst().orElseThrow();
    }
}
