package org.operatefirst.anonymizer.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;

/** The service's scrubbers remember the user names records give away, across records and kinds (ADR-0024). */
class LearnedNamesTopologyTest {

    private TopologyTestDriver driver;
    private Map<Tier, Scrubber> scrubbers;
    private final TopicNames topics = TopicNames.DEFAULTS;

    @BeforeEach
    void startDriver() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 9);
        scrubbers = Scrubber.createAll(MasterSecret.of(secret), Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026),
                ScrubPolicy.defaults(), IdentityDirectory.empty(), LearnedIdentities.of(100, Duration.ofHours(1)));
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "learned-names-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(PublisherTopology.build(
                new TopologySettings(topics, scrubbers, new TextDecoder(4096), "test-policy-24")), properties);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aLaterRecordThatNamesTheUserWithoutContextGetsTheEarlierRecordsPseudonym() {
        driver.createInputTopic(topics.raw(RecordKind.LOGS), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, utf8("200 GET /hub/api/users/kroe42/activity 12.5ms"));
        driver.createInputTopic(topics.raw(RecordKind.EVENTS), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, utf8("{\"kind\":\"Event\",\"message\":\"Stopped kroe42's server\"}"));

        for (final Tier tier : Tier.values()) {
            final String p = scrubbers.get(tier).pseudonymizer().username("kroe42");
            assertThat(value(tier, RecordKind.LOGS)).isEqualTo("200 GET /hub/api/users/" + p + "/activity 12.5ms");
            assertThat(value(tier, RecordKind.EVENTS))
                    .isEqualTo("{\"kind\":\"Event\",\"message\":\"Stopped " + p + "'s server\"}");
        }
    }

    private String value(final Tier tier, final RecordKind kind) {
        final TestOutputTopic<byte[], byte[]> topic = driver.createOutputTopic(topics.output(tier, kind),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new String(topic.readValue(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
