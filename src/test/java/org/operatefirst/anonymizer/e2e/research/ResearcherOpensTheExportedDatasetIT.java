package org.operatefirst.anonymizer.e2e.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.AnonymizerCli;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.NameTemplate;

/**
 * A researcher's test: the demo's samples of every kind go through the service on a real broker,
 * {@code anonymizer export} writes the public topics into a dataset directory, and DuckDB (an independent Parquet
 * reader, as a researcher would use it) reads it back. Counts per kind match the topics, no raw identifier of the
 * samples is anywhere in the files, and one user's notebook pod joins across logs, events and metrics by its
 * pseudonym.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResearcherOpensTheExportedDatasetIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The demo's notebook pod: KubeSpawner's name for jdoe@example.org. */
    private static final String POD_PREFIX = "jupyterhub-nb-";

    private final KafkaBroker broker;
    private final TopicNames topics;
    private final Map<RecordKind, List<String>> samples = new EnumMap<>(RecordKind.class);
    private final Map<RecordKind, Long> published = new EnumMap<>(RecordKind.class);
    private Service service;
    private Path dataset;
    private Connection duckdb;
    private String exportOutput;

    ResearcherOpensTheExportedDatasetIT(final KafkaBroker broker) {
        this.broker = broker;
        final String id = broker.uniqueName("research");
        this.topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.", id + ".quarantine",
                id + ".identities", id + ".consent");
    }

    @BeforeAll
    void publishTheDemoSamplesAndExportThem(@TempDir final Path directory) throws Exception {
        final byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        final Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("anonymizer.embedded-broker.mode", "never");
        properties.put("anonymizer.keys.secret", Base64.getEncoder().encodeToString(secret));
        properties.put("micronaut.server.port", -1);
        properties.put("anonymizer.ingest.enabled", false);
        properties.put("anonymizer.canary.enabled", false);
        properties.put("anonymizer.topics.raw-prefix", topics.rawPrefix());
        properties.put("anonymizer.topics.sanitized-prefix", topics.sanitizedPrefix());
        properties.put("anonymizer.topics.public-prefix", topics.publicPrefix());
        properties.put("anonymizer.topics.quarantine", topics.quarantine());
        properties.put("anonymizer.topics.identities", topics.identities());
        properties.put("anonymizer.topics.consent", topics.consent());
        properties.put("kafka.streams.publisher.application.id", broker.uniqueName("research-publisher"));
        service = Service.start(properties);

        for (final RecordKind kind : RecordKind.values()) {
            samples.put(kind, demoSamples(kind));
        }
        produceSamples();
        // Both tiers of a record are written in one transaction: once the sanitized tier has every sample, the
        // public tier has all it will get.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (final RecordKind kind : RecordKind.values()) {
                assertThat(committed(topics.output(Tier.SANITIZED, kind))).as(kind.topicSuffix())
                        .isEqualTo(samples.get(kind).size());
            }
        });
        for (final RecordKind kind : RecordKind.values()) {
            published.put(kind, committed(topics.output(Tier.PUBLIC, kind)));
        }

        dataset = directory.resolve("dataset");
        exportOutput = export(dataset, topics.publicPrefix()).output;
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    void stop() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theDirectoryHoldsTheLicenceTheDatasheetAndTheSchema() throws IOException {
        assertThat(Files.readString(dataset.resolve("LICENSE")))
                .startsWith("Community Data License Agreement - Permissive - Version 2.0");
        final String datasheet = Files.readString(dataset.resolve("datasheet.md"));
        assertThat(datasheet).contains("## What was removed, and how", "## Known limits", "Key epochs: `2026`",
                "CDLA-Permissive-2.0");
        for (final RecordKind kind : RecordKind.values()) {
            assertThat(datasheet).contains("| " + kind.topicSuffix() + " | " + published.get(kind) + " | ");
        }
        assertThat(Files.readString(dataset.resolve("schema.json"))).contains("\"labels\"", "MAP(VARCHAR, VARCHAR)");
        assertThat(exportOutput).contains("run 1:");
    }

    @Test
    void countsPerKindMatchTheTopics() throws SQLException {
        for (final RecordKind kind : RecordKind.values()) {
            assertThat(published.get(kind)).as(kind.topicSuffix()).isPositive();
            assertThat(longValue("SELECT count(DISTINCT (kafka_partition, kafka_offset)) FROM " + table(kind)))
                    .as(kind.topicSuffix()).isEqualTo(published.get(kind));
            assertThat(longValue("SELECT count(*) FROM " + table(kind) + " WHERE tier <> 'public'"
                    + " OR dataset_license <> 'CDLA-Permissive-2.0' OR key_epoch IS NULL")).isZero();
        }
        assertThat(longValue("SELECT count(*) FROM " + table(RecordKind.LOGS))).isEqualTo(published.get(RecordKind.LOGS));
        assertThat(longValue("SELECT count(*) FROM " + table(RecordKind.METRICS) + " WHERE metric IS NOT NULL"))
                .isGreaterThan(published.get(RecordKind.METRICS));
    }

    @Test
    void noRawIdentifierOfTheSamplesIsInAnyFile() throws SQLException {
        final Set<String> raw = rawIdentifiers();
        assertThat(raw).contains("jdoe@example.org", "198.51.100.21", "jupyterhub-nb-jdoe-40example-2eorg");
        int cells = 0;
        for (final RecordKind kind : RecordKind.values()) {
            try (Statement statement = duckdb.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT * FROM " + table(kind))) {
                final int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        final Object value = rows.getObject(column);
                        if (value != null) {
                            assertThat(value.toString()).as("%s.%s", kind.topicSuffix(),
                                    rows.getMetaData().getColumnName(column)).doesNotContain(raw);
                            cells++;
                        }
                    }
                }
            }
        }
        assertThat(cells).isGreaterThan(100);
    }

    @Test
    void aUsersPodJoinsAcrossLogsEventsAndMetricsByItsPseudonym() throws SQLException {
        // The pod's public name is KubeSpawner's escape of the user's pseudonym: unescaped, it is the pseudonym
        // that log lines carry.
        final String query = "WITH pods AS (SELECT DISTINCT pod FROM " + table(RecordKind.EVENTS)
                + " WHERE pod LIKE '" + POD_PREFIX + "%'),"
                + " users AS (SELECT pod, replace(replace(substr(pod, " + (POD_PREFIX.length() + 1)
                + "), '-40', '@'), '-2e', '.') AS pseudonym FROM pods)"
                + " SELECT u.pod, u.pseudonym,"
                + " (SELECT count(*) FROM " + table(RecordKind.EVENTS) + " e WHERE e.pod = u.pod) AS events,"
                + " (SELECT count(*) FROM " + table(RecordKind.METRICS) + " m WHERE m.pod = u.pod"
                + "   AND m.metric = 'container_memory_working_set_bytes') AS metrics,"
                + " (SELECT count(*) FROM " + table(RecordKind.LOGS) + " l"
                + "   WHERE contains(l.message, u.pseudonym)) AS logs"
                + " FROM users u";
        final List<String> joined = new ArrayList<>();
        try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                joined.add(rows.getString("pod"));
                assertThat(rows.getString("pseudonym")).matches("u[a-z2-7]{12}@d[a-z2-7]{8}\\.invalid");
                assertThat(rows.getLong("events")).as("events of the pod").isGreaterThanOrEqualTo(2);
                assertThat(rows.getLong("metrics")).as("memory series of the pod").isPositive();
                assertThat(rows.getLong("logs")).as("log lines of the pod's user").isGreaterThanOrEqualTo(3);
            }
        }
        assertThat(joined).hasSize(1);
        assertThat(joined.getFirst()).doesNotContain("jdoe");
    }

    @Test
    void exportingAgainResumesAndAddsNothingTwice() throws Exception {
        final Path copy = dataset.resolveSibling("resumed");
        export(copy, topics.publicPrefix());
        final Export again = export(copy, topics.publicPrefix());
        assertThat(again.status).isZero();
        assertThat(again.output).contains("run 2: 0 files");
        try (Stream<Path> files = Files.walk(copy.resolve("logs"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".parquet")).count()).isEqualTo(1);
        }
        assertThat(Files.readString(copy.resolve("datasheet.md")))
                .contains("| logs | " + published.get(RecordKind.LOGS) + " | ");
    }

    @Test
    void anOffsetOrTimeRangeExportsOnlyWhatIsInIt() throws Exception {
        final Path firstOffsets = dataset.resolveSibling("first-offsets");
        final Export first = export(firstOffsets, topics.publicPrefix(), "--kinds", "logs", "--to-offset", "1");
        assertThat(first.status).as(first.errors).isZero();
        final long partitionsWithLogs = longValue("SELECT count(DISTINCT kafka_partition) FROM " + table(RecordKind.LOGS));
        assertThat(first.output).contains("logs     " + partitionsWithLogs + " records");
        assertThat(Files.exists(firstOffsets.resolve("events"))).isFalse();

        final Export before = export(dataset.resolveSibling("before"), topics.publicPrefix(), "--to",
                "2000-01-01T00:00:00Z");
        assertThat(before.status).as(before.errors).isZero();
        assertThat(before.output).contains("run 1: 0 files");
    }

    @Test
    void aPrefixThatNamesAnotherTierIsRefused() throws Exception {
        final Path refused = dataset.resolveSibling("refused");
        final Export export = export(refused, topics.sanitizedPrefix());
        assertThat(export.status).isEqualTo(1);
        assertThat(export.errors).contains("refusing to export", "not a public-tier record");
        try (Stream<Path> files = Files.walk(refused)) {
            assertThat(files.filter(file -> file.toString().contains(".parquet")).toList()).isEmpty();
        }
    }

    private String table(final RecordKind kind) {
        return "read_parquet('" + dataset.resolve(kind.topicSuffix()) + "/day=*/*.parquet', hive_partitioning = true)";
    }

    private long longValue(final String query) throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private record Export(int status, String output, String errors) {
    }

    private Export export(final Path out, final String publicPrefix, final String... options) {
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();
        final List<String> args = new ArrayList<>(List.of("export", "--out", out.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), "--public-prefix", publicPrefix));
        args.addAll(List.of(options));
        final int status = AnonymizerCli.commandLine().setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
                .execute(args.toArray(new String[0]));
        return new Export(status, stdout.toString(), stderr.toString());
    }

    /** The emails, addresses and KubeSpawner names of the samples, found as the demo finds them. */
    private Set<String> rawIdentifiers() {
        final Set<String> raw = new LinkedHashSet<>();
        for (final List<String> records : samples.values()) {
            for (final String text : records) {
                final List<Finding> findings = new ArrayList<>();
                new EmailDetector().detect(text, findings);
                new IpAddressDetector().detect(text, findings);
                new KubeSpawnerNameDetector(NameTemplate.defaults()).detect(text, findings);
                findings.forEach(finding -> raw.add(text.substring(finding.start(), finding.end())
                        .toLowerCase(Locale.ROOT)));
            }
        }
        raw.add("jupyterhub-nb-jdoe-40example-2eorg");
        return raw;
    }

    /** The demo's samples of a kind, split as {@code anonymizer demo} splits them. */
    private static List<String> demoSamples(final RecordKind kind) {
        final String text;
        try (InputStream in = AnonymizerCli.class.getResourceAsStream("/demo/" + kind.topicSuffix() + ".txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<String> records = new ArrayList<>();
        if (kind == RecordKind.METRICS) {
            for (final String block : text.split("\n\\s*\n")) {
                if (!block.isBlank()) {
                    records.add(block.strip() + "\n");
                }
            }
        } else {
            text.lines().filter(line -> !line.isBlank()).forEach(records::add);
        }
        return records;
    }

    private void produceSamples() throws Exception {
        final Map<String, Object> properties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (final Map.Entry<RecordKind, List<String>> kind : samples.entrySet()) {
                for (final String sample : kind.getValue()) {
                    producer.send(new ProducerRecord<>(topics.raw(kind.getKey()), null,
                            sample.getBytes(StandardCharsets.UTF_8))).get();
                }
            }
        }
    }

    /** How many committed records a topic holds, counted by reading it. */
    private long committed(final String topic) {
        final Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }
}
