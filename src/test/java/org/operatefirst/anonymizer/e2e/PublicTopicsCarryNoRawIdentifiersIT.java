package org.operatefirst.anonymizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.ProvenanceStamp;
import org.operatefirst.anonymizer.publisher.topology.PublisherTopology;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * The whole service on a real broker: a realistic corpus of every kind goes into the raw topics, and no raw
 * identifier of it, in any encoding, comes out on a sanitized or public topic, in keys, values or headers. What
 * cannot be decoded lands in quarantine and nowhere else.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicTopicsCarryNoRawIdentifiersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PUBLIC_EPOCH = 2031;
    /** A log record of a user's application: workload data, which the public tier withholds without consent. */
    private static final String WORKLOAD_LOG = "{\"message\":\"checkout by jdoe@example.org\","
            + "\"kubernetes\":{\"namespace_name\":\"shop\",\"pod_name\":\"web-1\"}}";
    private static final byte[] MALFORMED = "caf\u00e9 owner=jdoe@example.org".getBytes(StandardCharsets.ISO_8859_1);

    private final KafkaBroker broker;
    private final TopicNames topics;
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> received = new HashMap<>();
    private final Map<String, Integer> expected = new HashMap<>();
    private final byte[] secret = new byte[32];
    private Service service;

    PublicTopicsCarryNoRawIdentifiersIT(final KafkaBroker broker) {
        this.broker = broker;
        final String id = broker.uniqueName("e2e");
        this.topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.", id + ".quarantine",
                id + ".identities", id + ".consent");
    }

    @BeforeAll
    void runTheCorpusThroughTheService() {
        new SecureRandom().nextBytes(secret);
        final Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("anonymizer.embedded-broker.mode", "never");
        properties.put("anonymizer.keys.secret", Base64.getEncoder().encodeToString(secret));
        properties.put("anonymizer.keys.epoch", PUBLIC_EPOCH);
        properties.put("micronaut.server.port", -1);
        // This test writes straight into the raw topics; the HTTP receivers have their own tests.
        properties.put("anonymizer.ingest.enabled", false);
        // Canaries would add records of their own to the counted outputs.
        properties.put("anonymizer.canary.enabled", false);
        properties.put("anonymizer.topics.raw-prefix", topics.rawPrefix());
        properties.put("anonymizer.topics.sanitized-prefix", topics.sanitizedPrefix());
        properties.put("anonymizer.topics.public-prefix", topics.publicPrefix());
        properties.put("anonymizer.topics.quarantine", topics.quarantine());
        properties.put("anonymizer.topics.identities", topics.identities());
        properties.put("anonymizer.topics.consent", topics.consent());
        properties.put("kafka.streams.publisher.application.id", broker.uniqueName("e2e-publisher"));
        service = Service.start(properties);

        produceCorpus();
        consumeUntilComplete();
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyRecordIsPublishedWhereThePolicyAllowsOrQuarantined() {
        for (final Map.Entry<String, Integer> entry : expected.entrySet()) {
            assertThat(received.getOrDefault(entry.getKey(), List.of())).as(entry.getKey())
                    .hasSize(entry.getValue());
        }
    }

    @Test
    void noRawIdentifierReachesASanitizedOrPublicTopicInAnyEncoding() {
        final Set<String> forbidden = Corpus.forbidden();
        int checked = 0;
        for (final Tier tier : Tier.values()) {
            for (final RecordKind kind : RecordKind.values()) {
                for (final ConsumerRecord<byte[], byte[]> record : received.getOrDefault(
                        topics.output(tier, kind), List.of())) {
                    final String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                    assertThat(text(record.key())).as("key of %s", where).doesNotContain(forbidden);
                    assertThat(text(record.value())).as("value of %s", where).doesNotContain(forbidden);
                    if (tier == Tier.PUBLIC) {
                        assertThat(ProvenanceStamp.read(record.headers())).as("provenance of %s", where)
                                .hasValueSatisfying(stamp -> assertThat(stamp.license())
                                        .isEqualTo(PublisherTopology.DATASET_LICENSE));
                    }
                    for (final Header header : record.headers()) {
                        assertThat(header.key() + "=" + text(header.value())).as("header of %s", where)
                                .doesNotContain(forbidden);
                    }
                    checked++;
                }
            }
        }
        // Every corpus record in both tiers, and the workload log in the sanitized tier only.
        assertThat(checked).isEqualTo(2 * expectedPublished() + 1);
    }

    @Test
    void oneUserHasOnePseudonymAcrossLogsEventsMetricsAndAlerts() {
        final String pseudonym = ((ScrubResult.Scrubbed) Scrubber.create(MasterSecret.of(secret), Tier.PUBLIC,
                PUBLIC_EPOCH).scrubText("jdoe@example.org")).output().toLowerCase(Locale.ROOT);
        final String podName = "jupyterhub-nb-" + KubeSpawnerEscape.escape(pseudonym);
        assertThat(pseudonym).endsWith(".invalid");
        assertThat(publicText(RecordKind.LOGS)).contains(pseudonym + " is pending spawn")
                .contains(pseudonym.replace("@", "%40"));
        assertThat(publicText(RecordKind.EVENTS)).contains("\"name\":\"" + podName + "\"")
                .contains("for " + pseudonym);
        assertThat(publicText(RecordKind.METRICS)).contains("pod=\"" + podName + "\"");
        assertThat(publicText(RecordKind.ALERTS)).contains("owned by " + pseudonym);
    }

    private String publicText(final RecordKind kind) {
        final StringBuilder all = new StringBuilder();
        received.getOrDefault(topics.output(Tier.PUBLIC, kind), List.of())
                .forEach(record -> all.append(text(record.value())).append('\n'));
        return all.toString();
    }

    @Test
    void workloadLogsReachOperatorsButNotThePublicWithoutConsent() {
        assertThat(received.get(topics.output(Tier.SANITIZED, RecordKind.LOGS)))
                .anySatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .contains("checkout by u").doesNotContain("jdoe"));
        assertThat(received.get(topics.output(Tier.PUBLIC, RecordKind.LOGS)))
                .noneSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .contains("checkout by"));
    }

    @Test
    void theMalformedRecordIsHeldInQuarantineWithItsReason() {
        assertThat(received.get(topics.quarantine())).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(MALFORMED);
            assertThat(text(record.headers().lastHeader(RecordHeaderNames.QUARANTINE_REASON).value()))
                    .isEqualTo("not-utf8");
            assertThat(text(record.headers().lastHeader(RecordHeaderNames.SOURCE_TOPIC).value()))
                    .isEqualTo(topics.raw(RecordKind.LOGS));
        });
    }

    @Test
    void sanitizedAndPublicTiersUseDifferentPseudonyms() {
        final List<ConsumerRecord<byte[], byte[]>> sanitized = received.get(topics.output(Tier.SANITIZED,
                RecordKind.LOGS));
        final List<ConsumerRecord<byte[], byte[]>> published = received.get(topics.output(Tier.PUBLIC,
                RecordKind.LOGS));
        final Set<String> sanitizedValues = new java.util.HashSet<>();
        sanitized.forEach(record -> sanitizedValues.add(text(record.value())));
        final long identical = published.stream().map(record -> text(record.value()))
                .filter(sanitizedValues::contains).count();
        // Only the lines without any identifier may be equal in both tiers.
        assertThat(identical).isLessThan(published.size());
    }

    @Test
    void servesHealthAndMetricsOverHttp() throws Exception {
        final URI base = service.httpServer().orElseThrow().getURI();
        final HttpClient http = HttpClient.newHttpClient();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            final HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafka-streams");
        });
        final HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kafka_stream_")
                .contains("anonymizer_records_in_total{topic=\"" + topics.raw(RecordKind.LOGS) + "\"}")
                .contains("anonymizer_records_out_total{kind=\"logs\",tier=\"public\"}")
                .contains("anonymizer_records_withheld_total{kind=\"logs\",reason=\"workload-without-consent\"} 1.0")
                .contains("anonymizer_records_quarantined_total{reason=\"not-utf8\"} 1.0")
                .contains("anonymizer_rewrites_total{tier=\"public\",type=\"email\"}")
                .contains("anonymizer_publish_latency_seconds_count{tier=\"public\"}");
    }

    private void produceCorpus() {
        final Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (final RecordKind kind : RecordKind.values()) {
                for (final String record : Corpus.records(kind)) {
                    // Collectors copy metadata into keys and headers: give every record some with identities.
                    final RecordHeaders headers = new RecordHeaders();
                    headers.add("kubernetes.host", "10.131.0.1".getBytes(StandardCharsets.UTF_8));
                    headers.add("user", "jdoe@example.org".getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(topics.raw(kind), null, utf8("owner jdoe@example.org"),
                            utf8(record), headers));
                    for (final Tier tier : Tier.values()) {
                        expected.merge(topics.output(tier, kind), 1, Integer::sum);
                    }
                }
            }
            producer.send(new ProducerRecord<>(topics.raw(RecordKind.LOGS), null, utf8(WORKLOAD_LOG)));
            expected.merge(topics.output(Tier.SANITIZED, RecordKind.LOGS), 1, Integer::sum);
            producer.send(new ProducerRecord<>(topics.raw(RecordKind.LOGS), null, MALFORMED));
            expected.merge(topics.quarantine(), 1, Integer::sum);
            producer.flush();
        }
    }

    private void consumeUntilComplete() {
        final Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, broker.uniqueName("e2e-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<String> outputs = new ArrayList<>(topics.all());
            outputs.removeIf(name -> name.startsWith(topics.rawPrefix()));
            consumer.subscribe(outputs);
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    received.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
                }
                return expected.entrySet().stream().allMatch(entry ->
                        received.getOrDefault(entry.getKey(), List.of()).size() >= entry.getValue());
            });
            // Anything late would be a duplicate: give it a moment to show up.
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(record ->
                        received.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record));
            }
        }
    }

    private int expectedPublished() {
        int total = 0;
        for (final RecordKind kind : RecordKind.values()) {
            total += Corpus.records(kind).size();
        }
        return total;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
