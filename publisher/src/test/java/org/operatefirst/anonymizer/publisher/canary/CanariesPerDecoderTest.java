package org.operatefirst.anonymizer.publisher.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.operatefirst.anonymizer.ingest.decode.Decoders;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The service's own canaries, with every logs decoder, through the real topology on the embedded broker: none is
 * quarantined, each reaches the sanitized tier marked and pseudonymized, the canary check stays clear, and the
 * public tier gets none unless the policy publishes canaries.
 */
class CanariesPerDecoderTest {

    private static final Iterable<String> DECODERS = Decoders.NAMES;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("DECODERS")
    void theCanaryIsReadByTheConfiguredDecoderAndKeptOutOfThePublicTier(final String decoder) {
        try (Service service = start(Map.of("anonymizer.decoders.logs", decoder))) {
            final Canaries canaries = service.context().getBean(Canaries.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> canaries.status().injected() >= 3
                    && canaries.status().lastArrival().containsKey(Tier.SANITIZED));

            final Map<String, List<ConsumerRecord<byte[], byte[]>>> read = readAll(service,
                    List.of("sanitized.logs", "public.logs", "quarantine"));
            assertThat(read.get("quarantine")).as("quarantined with %s", decoder).isEmpty();
            assertThat(read.get("public.logs")).as("public canaries with %s", decoder).isEmpty();
            assertThat(read.get("sanitized.logs")).isNotEmpty().allSatisfy(record -> {
                assertThat(record.headers().lastHeader(RecordHeaderNames.CANARY)).isNotNull();
                final String value = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(value).contains(Canary.MARKER).doesNotContain("@example.org", "192.0.2.");
            });
            final Canaries.CanaryStatus status = canaries.status();
            assertThat(status.leaks()).isEmpty();
            assertThat(status.overdue()).isEmpty();
            assertThat(status.lastArrival()).doesNotContainKey(Tier.PUBLIC);
        }
    }

    @Test
    void withCanariesPublishedThePublicTierIsWatchedToo() throws Exception {
        final Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                version: "canaries-published"
                publish:
                  canaries: publish
                """);
        try (Service service = start(Map.of("anonymizer.decoders.logs", "viaq",
                "anonymizer.policy-file", policy.toString()))) {
            final Canaries canaries = service.context().getBean(Canaries.class);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    canaries.status().lastArrival().keySet().containsAll(List.of(Tier.values())));
            assertThat(canaries.status().leaks()).isEmpty();
            assertThat(readAll(service, List.of("public.logs")).get("public.logs")).isNotEmpty()
                    .allSatisfy(record -> assertThat(record.headers().lastHeader(RecordHeaderNames.CANARY))
                            .isNotNull());
        }
    }

    private Service start(final Map<String, Object> extra) {
        final Map<String, Object> properties = new HashMap<>(Map.of(
                "anonymizer.embedded-broker.mode", "always",
                "anonymizer.embedded-broker.port", 0,
                "anonymizer.data-dir", dir.toString(),
                "anonymizer.topics.partitions", 1,
                "anonymizer.ingest.enabled", false,
                "micronaut.server.port", -1,
                "anonymizer.canary.interval", "300ms",
                "anonymizer.canary.overdue", "60s"));
        properties.putAll(extra);
        return Service.start(properties);
    }

    /** Every committed record of the topics, from the beginning to their current end. */
    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> readAll(final Service service,
            final List<String> topics) {
        final Map<String, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> {
                partitions.add(new TopicPartition(topic, 0));
                read.put(topic, new ArrayList<>());
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> read.get(record.topic()).add(record));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return read;
    }
}
