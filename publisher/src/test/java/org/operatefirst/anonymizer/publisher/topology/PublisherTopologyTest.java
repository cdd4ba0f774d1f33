package org.operatefirst.anonymizer.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.scrubbers.LeakGuard;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

class PublisherTopologyTest {

    private static final String LINE = "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET "
            + "/hub/spawn-pending/jdoe@example.org (jdoe@example.org@::ffff:198.51.100.1) 13.28ms";
    private static final int MAX_BYTES = 4096;

    private TopologyTestDriver driver;
    private final TopicNames topics = TopicNames.DEFAULTS;

    @BeforeEach
    void startDriver() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        final MasterSecret master = MasterSecret.of(secret);
        final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
        scrubbers.put(Tier.SANITIZED, Scrubber.create(master, Tier.SANITIZED, 0));
        scrubbers.put(Tier.PUBLIC, Scrubber.create(master, Tier.PUBLIC, 2026));
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "publisher-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(PublisherTopology.build(
                new TopologySettings(topics, scrubbers, new TextDecoder(MAX_BYTES), "test-policy-3")), properties);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void scrubsALogLineForBothTiersWithDifferentKeys() {
        raw(RecordKind.LOGS).pipeInput(null, utf8(LINE));

        final String sanitized = onlyValue(Tier.SANITIZED, RecordKind.LOGS);
        final String published = onlyValue(Tier.PUBLIC, RecordKind.LOGS);
        for (final String output : List.of(sanitized, published)) {
            assertThat(output).doesNotContain("jdoe", "example.org", "198.51.100.1")
                    .startsWith("[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/u")
                    .contains("@::ffff:")
                    .endsWith(") 13.28ms");
        }
        assertThat(sanitized).isNotEqualTo(published);
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void givesOneIdentityOnePseudonymWithinATier() {
        raw(RecordKind.LOGS).pipeInput(null, utf8("login jdoe@example.org"));
        raw(RecordKind.EVENTS).pipeInput(null, utf8("{\"message\":\"JDoe@Example.org logged out\"}"));

        final String log = onlyValue(Tier.PUBLIC, RecordKind.LOGS);
        final String event = onlyValue(Tier.PUBLIC, RecordKind.EVENTS);
        final String pseudonym = log.substring("login ".length());
        assertThat(event).isEqualTo("{\"message\":\"" + pseudonym + " logged out\"}");
    }

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void routesEveryKindToItsOwnTopics(final RecordKind kind) {
        raw(kind).pipeInput(null, utf8(textRecord(kind, "host 192.0.2.10 says hi")));

        for (final Tier tier : Tier.values()) {
            for (final RecordKind other : RecordKind.values()) {
                final TestOutputTopic<byte[], byte[]> topic = output(tier, other);
                if (other == kind) {
                    assertThat(new String(topic.readValue(), StandardCharsets.UTF_8))
                            .contains("host ").contains(" says hi").doesNotContain("192.0.2.10");
                }
                assertThat(topic.isEmpty()).as("%s after reading", topics.output(tier, other)).isTrue();
            }
        }
    }

    @Test
    void workloadLogsReachThePublicTierOnlyWhileTheirNamespaceOptsIn() {
        final String workload = "{\"message\":\"order 7 paid\",\"kubernetes\":{\"namespace_name\":\"shop\"}}";
        final String platform = "{\"message\":\"etcd ok\",\"kubernetes\":{\"namespace_name\":\"openshift-etcd\"}}";
        final TestInputTopic<byte[], byte[]> consent = driver.createInputTopic(topics.consent(),
                new ByteArraySerializer(), new ByteArraySerializer());

        raw(RecordKind.LOGS).pipeInput(null, utf8(workload));
        raw(RecordKind.LOGS).pipeInput(null, utf8(platform));
        assertThat(values(Tier.PUBLIC, RecordKind.LOGS)).singleElement().asString().contains("etcd ok");
        assertThat(values(Tier.SANITIZED, RecordKind.LOGS)).hasSize(2);

        consent.pipeInput(utf8("shop"), utf8("opt-in"));
        raw(RecordKind.LOGS).pipeInput(null, utf8(workload));
        assertThat(values(Tier.PUBLIC, RecordKind.LOGS)).singleElement().asString().contains("order 7 paid");

        consent.pipeInput(utf8("shop"), utf8("Opt-Out"));
        raw(RecordKind.LOGS).pipeInput(null, utf8(workload));
        consent.pipeInput(utf8("shop"), utf8("opt-in"));
        consent.pipeInput(utf8("shop"), (byte[]) null);
        raw(RecordKind.LOGS).pipeInput(null, utf8(workload));
        consent.pipeInput(utf8("shop"), utf8("yes please"));
        raw(RecordKind.LOGS).pipeInput(null, utf8(workload));
        assertThat(values(Tier.PUBLIC, RecordKind.LOGS)).isEmpty();
        assertThat(values(Tier.SANITIZED, RecordKind.LOGS)).hasSize(4);
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void applicationSeriesOfWorkloadNamespacesAreCutFromThePublicMetrics() {
        raw(RecordKind.METRICS).pipeInput(null, utf8("""
                container_memory_working_set_bytes{namespace="shop",pod="web-1"} 1024
                shop_orders_total{namespace="shop",pod="web-1"} 7
                """));

        assertThat(onlyValue(Tier.PUBLIC, RecordKind.METRICS))
                .isEqualTo("container_memory_working_set_bytes{namespace=\"shop\",pod=\"web-1\"} 1024\n");
        assertThat(onlyValue(Tier.SANITIZED, RecordKind.METRICS)).contains("shop_orders_total");
    }

    @Test
    void theLeakGuardQuarantinesWhatAScrubberLetThrough() {
        // A scrubber that keeps example.org, behind a guard that was told nothing of it: its output leaks.
        final List<String> corrected = new java.util.ArrayList<>();
        final List<String> blocked = new java.util.ArrayList<>();
        laxDriver(Map.of("kept-email-domains", List.of("example.org")), corrected, blocked);

        raw(RecordKind.LOGS).pipeInput(null, utf8("mail to jdoe@example.org"));
        raw(RecordKind.LOGS).pipeInput(null, utf8("no one here"));

        assertThat(values(Tier.SANITIZED, RecordKind.LOGS)).containsExactly("no one here");
        assertThat(values(Tier.PUBLIC, RecordKind.LOGS)).containsExactly("no one here");
        final TestRecord<byte[], byte[]> held = quarantine().readRecord();
        assertThat(header(held, RecordHeaderNames.QUARANTINE_REASON)).isEqualTo("leak-blocked-email");
        assertThat(header(held, RecordHeaderNames.QUARANTINE_DETAIL)).doesNotContain("jdoe");
        assertThat(blocked).containsExactly("sanitized:email");
        assertThat(corrected).isEmpty();
    }

    /**
     * Replaces the driver with one whose scrubbers follow a lax policy, behind the default guard, and whose metrics
     * note each correction and each blocked leak as {@code tier:type}.
     */
    private Map<Tier, Scrubber> laxDriver(final Map<String, ?> policy, final List<String> corrected,
            final List<String> blocked) {
        driver.close();
        final MasterSecret master = MasterSecret.of(new byte[32]);
        final ScrubPolicy lax = ScrubPolicy.fromMap(policy);
        final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            scrubbers.put(tier, Scrubber.create(master, tier, 1, lax));
        }
        final TopologyMetrics metrics = new TopologyMetrics() {
            @Override
            public void leakCorrected(final Tier tier, final String type) {
                corrected.add(tier.label() + ":" + type);
            }

            @Override
            public void leakBlocked(final Tier tier, final String type) {
                blocked.add(tier.label() + ":" + type);
            }
        };
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "publisher-topology-lax-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(PublisherTopology.build(new TopologySettings(topics, scrubbers,
                new TextDecoder(MAX_BYTES), "lax-1"), metrics), properties);
        return scrubbers;
    }

    @Test
    void theLeakGuardCorrectsAUserNameAScrubberLeftBeforeItQuarantines() {
        // A scrubber that knows no user name fields, behind a guard with the default ones: it leaves the name.
        final List<String> corrected = new java.util.ArrayList<>();
        final List<String> blocked = new java.util.ArrayList<>();
        final Map<Tier, Scrubber> scrubbers = laxDriver(Map.of("username-fields", List.of()), corrected, blocked);

        raw(RecordKind.LOGS).pipeInput(null, utf8("login user=kvasquez ok; Kvasquez logged out"));

        final String sanitized = scrubbers.get(Tier.SANITIZED).pseudonymizer().username("kvasquez");
        final String open = scrubbers.get(Tier.PUBLIC).pseudonymizer().username("kvasquez");
        assertThat(values(Tier.SANITIZED, RecordKind.LOGS))
                .containsExactly("login user=" + sanitized + " ok; " + sanitized + " logged out");
        assertThat(values(Tier.PUBLIC, RecordKind.LOGS))
                .containsExactly("login user=" + open + " ok; " + open + " logged out");
        assertThat(quarantine().isEmpty()).isTrue();
        assertThat(corrected).containsExactly("sanitized:username", "public:username");
        assertThat(blocked).isEmpty();
    }

    @Test
    void peopleOfTheIdentitiesTopicGetOnePseudonymFromTheNextRecordOn() {
        driver.close();
        final MasterSecret master = MasterSecret.of(new byte[32]);
        final java.util.function.Function<org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory,
                LiveScrubbers.ScrubberSet> build = directory -> {
                    final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
                    for (final Tier tier : Tier.values()) {
                        scrubbers.put(tier, Scrubber.create(master, tier, 1, ScrubPolicy.defaults(), directory));
                    }
                    return new LiveScrubbers.ScrubberSet(scrubbers,
                            org.operatefirst.anonymizer.scrubbers.LeakGuard.create(ScrubPolicy.defaults(), directory));
                };
        final LiveScrubbers.ScrubberSet initial = build.apply(
                org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory.empty());
        final LiveScrubbers live = new LiveScrubbers(
                org.operatefirst.anonymizer.publisher.policy.IdentitySource.NONE, build, initial);
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "publisher-topology-identities-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(PublisherTopology.build(new TopologySettings(topics, initial.scrubbers(),
                new TextDecoder(MAX_BYTES), "live-1"), TopologyMetrics.NONE, live), properties);
        final TestInputTopic<byte[], byte[]> identities = driver.createInputTopic(topics.identities(),
                new ByteArraySerializer(), new ByteArraySerializer());

        raw(RecordKind.LOGS).pipeInput(null, utf8("Jane Doe left"));
        assertThat(values(Tier.SANITIZED, RecordKind.LOGS)).containsExactly("Jane Doe left");

        identities.pipeInput(utf8("person-1"), utf8("jdoe\tjdoe@example.org\tJane Doe"));
        identities.pipeInput(utf8("person-2"), utf8("two\nlines"));
        raw(RecordKind.LOGS).pipeInput(null, utf8("Jane Doe left"));

        final String person = initial.scrubbers().get(Tier.SANITIZED).pseudonymizer().username("jdoe");
        assertThat(values(Tier.SANITIZED, RecordKind.LOGS)).containsExactly(person + " left");
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void aLiveDirectoryWithTwoPeopleOfOneDisplayNameIsLoaded() {
        driver.close();
        final MasterSecret master = MasterSecret.of(new byte[32]);
        final java.util.function.Function<IdentityDirectory, LiveScrubbers.ScrubberSet> build = directory -> {
            final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
            for (final Tier tier : Tier.values()) {
                scrubbers.put(tier, Scrubber.create(master, tier, 1, ScrubPolicy.defaults(), directory));
            }
            return new LiveScrubbers.ScrubberSet(scrubbers,
                    org.operatefirst.anonymizer.scrubbers.LeakGuard.create(ScrubPolicy.defaults(), directory));
        };
        final LiveScrubbers.ScrubberSet initial = build.apply(IdentityDirectory.empty());
        final LiveScrubbers live = new LiveScrubbers(
                org.operatefirst.anonymizer.publisher.policy.IdentitySource.NONE, build, initial);
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "publisher-topology-homonyms-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(PublisherTopology.build(new TopologySettings(topics, initial.scrubbers(),
                new TextDecoder(MAX_BYTES), "live-1"), TopologyMetrics.NONE, live), properties);
        final TestInputTopic<byte[], byte[]> identities = driver.createInputTopic(topics.identities(),
                new ByteArraySerializer(), new ByteArraySerializer());

        identities.pipeInput(utf8("person-1"), utf8("jdoe\tjdoe@example.org\tJane Doe"));
        identities.pipeInput(utf8("person-2"), utf8("jdoe2\tjane.doe@example.net\tJane Doe"));
        raw(RecordKind.LOGS).pipeInput(null, utf8("Jane Doe is jdoe2 with jdoe"));

        final org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer p =
                initial.scrubbers().get(Tier.SANITIZED).pseudonymizer();
        assertThat(values(Tier.SANITIZED, RecordKind.LOGS)).singleElement().asString()
                .doesNotContain("Jane", "jdoe")
                .endsWith(" is " + p.username("jdoe2") + " with " + p.username("jdoe"))
                .doesNotStartWith(p.username("jdoe") + " ").doesNotStartWith(p.username("jdoe2") + " ");
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void passesOnlyAllowedHeadersScrubbedAndAddsProvenance() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("kubernetes.pod_name", utf8("jupyterhub-nb-jdoe-40example-2eorg"));
        headers.add("user", utf8("jdoe@example.org"));
        headers.add("Content-Type", utf8("text/plain; for jdoe@example.org"));
        raw(RecordKind.LOGS).pipeInput(new TestRecord<>(null, utf8("mail to jdoe@example.org"), headers));

        for (final Tier tier : Tier.values()) {
            final TestRecord<byte[], byte[]> record = output(tier, RecordKind.LOGS).readRecord();
            assertThat(Arrays.stream(record.headers().toArray()).map(Header::key)).containsExactly("Content-Type",
                    RecordHeaderNames.PROVENANCE, RecordHeaderNames.FINDINGS);
            assertThat(header(record, RecordHeaderNames.PROVENANCE)).isEqualTo(tier == Tier.PUBLIC
                    ? "p/2026/" + Scrubber.VERSION + "/CDLA-Permissive-2.0/test-policy-3"
                    : "s/0/" + Scrubber.VERSION + "//test-policy-3");
            assertThat(ProvenanceStamp.read(record.headers())).contains(new ProvenanceStamp(tier,
                    tier == Tier.PUBLIC ? 2026 : 0, Scrubber.VERSION,
                    tier == Tier.PUBLIC ? "CDLA-Permissive-2.0" : null, "test-policy-3"));
            assertThat(header(record, RecordHeaderNames.FINDINGS)).isEqualTo("email=2");
            assertThat(header(record, "Content-Type")).startsWith("text/plain; for u").doesNotContain("jdoe");
        }
    }

    @Test
    void publicRecordsAndOnlyPublicRecordsCarryTheDatasetLicense() {
        for (final RecordKind kind : RecordKind.values()) {
            raw(kind).pipeInput(null, utf8(textRecord(kind, "a record")));
        }
        raw(RecordKind.LOGS).pipeInput(null, new byte[] {(byte) 0xFF});

        for (final RecordKind kind : RecordKind.values()) {
            final TestRecord<byte[], byte[]> published = output(Tier.PUBLIC, kind).readRecord();
            assertThat(ProvenanceStamp.read(published.headers()).orElseThrow().license())
                    .isEqualTo("CDLA-Permissive-2.0");
            assertThat(ProvenanceStamp.read(output(Tier.SANITIZED, kind).readRecord().headers()).orElseThrow()
                    .license()).isNull();
        }
        assertThat(quarantine().readRecord().headers().lastHeader(RecordHeaderNames.PROVENANCE)).isNull();
    }

    @Test
    void aQuarantinedRecordKeepsNoProvenanceAClaimOfTheCollectorIncluded() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RecordHeaderNames.PROVENANCE, utf8("p/2026/0.3.0/CDLA-Permissive-2.0/forged"));
        raw(RecordKind.LOGS).pipeInput(new TestRecord<>(null, new byte[] {(byte) 0xFF}, headers));

        assertThat(quarantine().readRecord().headers().lastHeader(RecordHeaderNames.PROVENANCE)).isNull();
    }

    @Test
    void scrubsRecordKeys() {
        raw(RecordKind.LOGS).pipeInput(utf8("jdoe@example.org"), utf8("no personal data here"));

        for (final Tier tier : Tier.values()) {
            final TestRecord<byte[], byte[]> record = output(tier, RecordKind.LOGS).readRecord();
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .doesNotContain("jdoe", "example.org").endsWith(".invalid");
            assertThat(header(record, RecordHeaderNames.FINDINGS)).isEqualTo("email=1");
        }
    }

    @Test
    void dropsTheKeysOfTheTiersWhoseRecordKeysThePolicyDrops() {
        restartWith(Map.of("record-keys", Map.of("public", "drop")));
        raw(RecordKind.LOGS).pipeInput(utf8("jdoe@example.org"), utf8("no personal data here"));

        final TestRecord<byte[], byte[]> sanitized = output(Tier.SANITIZED, RecordKind.LOGS).readRecord();
        assertThat(new String(sanitized.key(), StandardCharsets.UTF_8)).endsWith(".invalid");
        assertThat(header(sanitized, RecordHeaderNames.FINDINGS)).isEqualTo("email=1");
        final TestRecord<byte[], byte[]> published = output(Tier.PUBLIC, RecordKind.LOGS).readRecord();
        assertThat(published.key()).isNull();
        assertThat(published.value()).isEqualTo(utf8("no personal data here"));
        // Nothing was rewritten in the public version: no findings header at all.
        assertThat(header(published, RecordHeaderNames.FINDINGS)).isNull();
    }

    @Test
    void aKeyThatNoTierWritesIsNotReadSoItCannotQuarantineTheRecord() {
        restartWith(Map.of("record-keys", Map.of("public", "drop", "sanitized", "drop")));
        raw(RecordKind.EVENTS).pipeInput(new byte[] {(byte) 0xC3}, utf8("{}"));

        for (final Tier tier : Tier.values()) {
            final TestRecord<byte[], byte[]> record = output(tier, RecordKind.EVENTS).readRecord();
            assertThat(record.key()).isNull();
            assertThat(record.value()).isEqualTo(utf8("{}"));
        }
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void canariesAreMarkedOnTheSanitizedTierAndWithheldFromThePublicOneByDefault() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RecordHeaderNames.CANARY, utf8("anonymizer-canary-0a1b2c3d-1"));
        raw(RecordKind.LOGS).pipeInput(new TestRecord<>(null, utf8("canary mail to jdoe@example.org"), headers));
        raw(RecordKind.LOGS).pipeInput(null, utf8("not a canary"));

        final List<TestRecord<byte[], byte[]>> sanitized = output(Tier.SANITIZED, RecordKind.LOGS).readRecordsToList();
        assertThat(sanitized).hasSize(2);
        assertThat(header(sanitized.get(0), RecordHeaderNames.CANARY)).isEqualTo("1");
        assertThat(header(sanitized.get(0), RecordHeaderNames.FINDINGS)).isEqualTo("email=1");
        assertThat(header(sanitized.get(1), RecordHeaderNames.CANARY)).isNull();
        final TestRecord<byte[], byte[]> published = output(Tier.PUBLIC, RecordKind.LOGS).readRecord();
        assertThat(published.value()).isEqualTo(utf8("not a canary"));
        assertThat(published.headers().lastHeader(RecordHeaderNames.CANARY)).isNull();
        assertThat(output(Tier.PUBLIC, RecordKind.LOGS).isEmpty()).isTrue();
        assertThat(quarantine().isEmpty()).isTrue();
    }

    @Test
    void canariesReachThePublicTierWhereThePolicyPublishesThem() {
        restartWith(Map.of("canaries", "publish"));
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RecordHeaderNames.CANARY, utf8("anonymizer-canary-0a1b2c3d-1"));
        raw(RecordKind.LOGS).pipeInput(new TestRecord<>(null, utf8("canary mail to jdoe@example.org"), headers));

        for (final Tier tier : Tier.values()) {
            final TestRecord<byte[], byte[]> record = output(tier, RecordKind.LOGS).readRecord();
            assertThat(header(record, RecordHeaderNames.CANARY)).isEqualTo("1");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("jdoe");
        }
    }

    /** Restarts the driver with the default scrubbers under a publication policy built from a publish section. */
    private void restartWith(final Map<String, ?> publish) {
        driver.close();
        final MasterSecret master = MasterSecret.of(new byte[32]);
        final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            scrubbers.put(tier, Scrubber.create(master, tier, 1));
        }
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "publisher-topology-policy-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(PublisherTopology.build(new TopologySettings(topics, scrubbers,
                new TextDecoder(MAX_BYTES), "keys-1", PublicationPolicy.fromMap(publish), Map.of(),
                LeakGuard.create(ScrubPolicy.defaults(), IdentityDirectory.empty()),
                TopologySettings.DEFAULT_PASSED_HEADERS)), properties);
    }

    @Test
    void quarantinesAValueThatIsNotUtf8AndPublishesNothing() {
        final byte[] latin1 = "caf\u00e9 j\u00f6rg@example.org".getBytes(StandardCharsets.ISO_8859_1);
        raw(RecordKind.LOGS).pipeInput(utf8("key"), latin1);

        assertNothingPublished();
        final TestRecord<byte[], byte[]> held = quarantine().readRecord();
        assertThat(held.value()).isEqualTo(latin1);
        assertThat(held.key()).isEqualTo(utf8("key"));
        assertThat(header(held, RecordHeaderNames.QUARANTINE_REASON)).isEqualTo(TextDecoder.REASON_NOT_UTF8);
        assertThat(header(held, RecordHeaderNames.SOURCE_TOPIC)).isEqualTo("raw.logs");
        assertThat(header(held, RecordHeaderNames.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(held, RecordHeaderNames.SOURCE_OFFSET)).isEqualTo("0");
    }

    @Test
    void quarantinesAValueOverTheSizeLimit() {
        raw(RecordKind.METRICS).pipeInput(null, new byte[MAX_BYTES + 1]);

        assertNothingPublished();
        assertThat(header(quarantine().readRecord(), RecordHeaderNames.QUARANTINE_REASON))
                .isEqualTo(TextDecoder.REASON_TOO_LARGE);
    }

    @Test
    void quarantinesARecordWhoseKeyIsNotUtf8() {
        raw(RecordKind.EVENTS).pipeInput(new byte[] {(byte) 0xC3}, utf8("{}"));

        assertNothingPublished();
        assertThat(header(quarantine().readRecord(), RecordHeaderNames.QUARANTINE_REASON))
                .isEqualTo(ScrubProcessor.KEY_REASON_PREFIX + TextDecoder.REASON_NOT_UTF8);
    }

    @Test
    void quarantinesATombstone() {
        raw(RecordKind.ALERTS).pipeInput(utf8("key"), (byte[]) null);

        assertNothingPublished();
        assertThat(header(quarantine().readRecord(), RecordHeaderNames.QUARANTINE_REASON))
                .isEqualTo(TextDecoder.REASON_EMPTY);
    }

    @Test
    void keepsGoingAfterAQuarantinedRecord() {
        raw(RecordKind.LOGS).pipeInput(null, new byte[] {(byte) 0xFF});
        raw(RecordKind.LOGS).pipeInput(null, utf8("next line"));

        assertThat(quarantine().getQueueSize()).isEqualTo(1);
        assertThat(output(Tier.PUBLIC, RecordKind.LOGS).readValue()).isEqualTo(utf8("next line"));
    }

    private void assertNothingPublished() {
        for (final Tier tier : Tier.values()) {
            for (final RecordKind kind : RecordKind.values()) {
                assertThat(output(tier, kind).isEmpty()).as(topics.output(tier, kind)).isTrue();
            }
        }
    }

    private String onlyValue(final Tier tier, final RecordKind kind) {
        final TestOutputTopic<byte[], byte[]> topic = output(tier, kind);
        final String value = new String(topic.readValue(), StandardCharsets.UTF_8);
        assertThat(topic.isEmpty()).isTrue();
        return value;
    }

    private TestInputTopic<byte[], byte[]> raw(final RecordKind kind) {
        return driver.createInputTopic(topics.raw(kind), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<byte[], byte[]> output(final Tier tier, final RecordKind kind) {
        return driver.createOutputTopic(topics.output(tier, kind), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private List<String> values(final Tier tier, final RecordKind kind) {
        return output(tier, kind).readValuesToList().stream()
                .map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }

    private TestOutputTopic<byte[], byte[]> quarantine() {
        return driver.createOutputTopic(topics.quarantine(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * A record of a kind that holds some text: a log line is text; metrics are exposition text, in which a comment
     * is free text; events are JSON, in which a message is; alerts are an Alertmanager payload, whose namespaces the
     * publication policy reads.
     */
    private static String textRecord(final RecordKind kind, final String text) {
        return switch (kind) {
            case LOGS -> text;
            case EVENTS -> "{\"message\":\"" + text + "\"}";
            case ALERTS -> "{\"alerts\":[{\"labels\":{\"namespace\":\"openshift-monitoring\"},"
                    + "\"annotations\":{\"summary\":\"" + text + "\"}}]}";
            case METRICS -> "# " + text;
        };
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
