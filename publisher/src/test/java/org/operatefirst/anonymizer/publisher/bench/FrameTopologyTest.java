package org.operatefirst.anonymizer.publisher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.topology.PublisherTopology;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.publisher.topology.TopologySettings;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** The frame baseline writes each record unchanged to both tiers, with the publisher's provenance headers. */
class FrameTopologyTest {

    private static final String LINE = "GET /hub/user/jdoe from 192.0.2.10";
    private final TopicNames topics = new TopicNames("frame.raw.", "frame.sanitized.", "frame.public.",
            "frame.quarantine", "frame.identities", "frame.consent");
    private TopologyTestDriver driver;

    @BeforeEach
    void startDriver() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 3);
        final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(MasterSecret.of(secret),
                Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026), ScrubPolicy.defaults(), IdentityDirectory.empty());
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "frame-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(FrameTopology.build(topics,
                new TopologySettings(topics, scrubbers, new TextDecoder(64), "policy-7")), properties);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void writesEachRecordUnchangedToBothTiersWithProvenanceHeaders() {
        for (final RecordKind kind : RecordKind.values()) {
            raw(kind).pipeInput("key".getBytes(StandardCharsets.UTF_8), LINE.getBytes(StandardCharsets.UTF_8));
            for (final Tier tier : Tier.values()) {
                final TestRecord<byte[], byte[]> out = output(tier, kind).readRecord();
                assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("key");
                assertThat(new String(out.value(), StandardCharsets.UTF_8)).isEqualTo(LINE);
                final Map<String, String> headers = headers(out.headers());
                assertThat(headers).containsOnlyKeys(RecordHeaderNames.PROVENANCE, RecordHeaderNames.FINDINGS)
                        .containsEntry(RecordHeaderNames.PROVENANCE, tier == Tier.PUBLIC
                                ? "p/2026/" + Scrubber.VERSION + "/" + PublisherTopology.DATASET_LICENSE + "/policy-7"
                                : "s/0/" + Scrubber.VERSION + "//policy-7")
                        .containsEntry(RecordHeaderNames.FINDINGS, FrameTopology.FINDINGS);
                assertThat(output(tier, kind).isEmpty()).isTrue();
            }
        }
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void sendsWhatIsNotUtf8TextOfAllowedSizeToTheQuarantineOnly() {
        raw(RecordKind.LOGS).pipeInput(null, new byte[] {(byte) 0xc3, (byte) 0x28});
        raw(RecordKind.EVENTS).pipeInput(null, "x".repeat(65).getBytes(StandardCharsets.UTF_8));

        assertThat(quarantine().readValuesToList()).hasSize(2);
        for (final Tier tier : Tier.values()) {
            for (final RecordKind kind : RecordKind.values()) {
                assertThat(output(tier, kind).isEmpty()).isTrue();
            }
        }
    }

    private static Map<String, String> headers(final Headers headers) {
        final Map<String, String> byName = new LinkedHashMap<>();
        for (final Header header : headers) {
            byName.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return byName;
    }

    private TestInputTopic<byte[], byte[]> raw(final RecordKind kind) {
        return driver.createInputTopic(topics.raw(kind), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<byte[], byte[]> output(final Tier tier, final RecordKind kind) {
        return driver.createOutputTopic(topics.output(tier, kind), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private TestOutputTopic<byte[], byte[]> quarantine() {
        return driver.createOutputTopic(topics.quarantine(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
