package org.operatefirst.anonymizer.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.ingest.decode.Decoders;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** A raw topic configured for a collector's format is decoded with that collector's decoder. */
class DecoderSelectionTest {

    private static final int MAX_BYTES = 4096;
    private final TopicNames topics = TopicNames.DEFAULTS;
    private TopologyTestDriver driver;

    @BeforeEach
    void startDriver() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
        scrubbers.put(Tier.SANITIZED, Scrubber.create(MasterSecret.of(secret), Tier.SANITIZED, 0));
        scrubbers.put(Tier.PUBLIC, Scrubber.create(MasterSecret.of(secret), Tier.PUBLIC, 2026));
        final Map<RecordKind, RecordDecoder> decoders = Map.of(
                RecordKind.METRICS, Decoders.named("prometheus-kafka-adapter", MAX_BYTES, 16),
                RecordKind.LOGS, Decoders.named("vector", MAX_BYTES, 16));
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "decoder-selection-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(PublisherTopology.build(new TopologySettings(topics, scrubbers,
                new TextDecoder(MAX_BYTES), "test-policy", decoders)), properties);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void publishesAnAdapterSampleAsAScrubbedExpositionLine() {
        driver.createInputTopic(topics.raw(RecordKind.METRICS), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, utf8("{\"timestamp\":\"2021-05-05T10:02:42Z\",\"value\":\"1\",\"name\":\"up\","
                        + "\"labels\":{\"instance\":\"192.0.2.7:9100\",\"owner\":\"jdoe@example.org\"}}"));

        final String published = new String(driver.createOutputTopic(topics.output(Tier.PUBLIC, RecordKind.METRICS),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readValue(), StandardCharsets.UTF_8);
        assertThat(published).startsWith("up{instance=\"").endsWith("\"} 1 1620208962000")
                .doesNotContain("192.0.2.7", "jdoe", "example.org").contains(".invalid\"");
    }

    @Test
    void quarantinesALogRecordThatIsNotTheConfiguredCollectorsEnvelope() {
        driver.createInputTopic(topics.raw(RecordKind.LOGS), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, utf8("plain line from jdoe@example.org"));

        final var quarantined = driver.createOutputTopic(topics.quarantine(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecord();
        assertThat(new String(quarantined.headers().lastHeader(RecordHeaderNames.QUARANTINE_REASON).value(),
                StandardCharsets.UTF_8)).isEqualTo("not-json");
        assertThat(driver.createOutputTopic(topics.output(Tier.PUBLIC, RecordKind.LOGS), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).isEmpty()).isTrue();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
