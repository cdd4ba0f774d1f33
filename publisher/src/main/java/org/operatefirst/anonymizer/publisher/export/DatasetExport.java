package org.operatefirst.anonymizer.publisher.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.operatefirst.anonymizer.publisher.topology.PublisherTopology;
import org.operatefirst.anonymizer.publisher.topology.ProvenanceStamp;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Exports the public topics into a dataset directory:
 *
 * <pre>
 * LICENSE                the dataset licence (ADR-0002), its full text
 * datasheet.md           a datasheet for the dataset: what it holds, what was removed and how, its limits
 * schema.json            the tables and their typed columns
 * logs/day=2026-12-07/part-00001.parquet   one table per kind, one directory per UTC day, one file per run
 * events/... metrics/... alerts/...
 * _export/state.json     the offsets exported so far: the next run starts there
 * </pre>
 *
 * <p>Reads with {@code isolation.level=read_committed} and without a consumer group (so it needs no more than
 * read access to the public topics), from the recorded offsets, a start time or offset, or the beginning, up to an
 * end time or offset or to the end the topics had when the run started. It reads only topics named with the public
 * prefix, and refuses (stops, writing nothing) at the first record that is not a public-tier record carrying the
 * dataset licence: a public prefix pointed at another tier cannot leak that tier into a dataset.
 *
 * <p>A run writes its files under temporary names, renames them when all are written, then records its offsets.
 * A run that stops before that leaves files the next run removes, so every exported record is in exactly one file.
 */
public final class DatasetExport {

    /** The file the licence text goes to. */
    public static final String LICENSE_FILE = "LICENSE";
    /** The datasheet's file. */
    public static final String DATASHEET_FILE = "datasheet.md";
    /** The schema's file. */
    public static final String SCHEMA_FILE = "schema.json";

    private static final String LICENSE_RESOURCE = "/export/CDLA-Permissive-2.0.txt";
    private static final String TEMPORARY_SUFFIX = ".parquet.tmp";
    private static final Duration POLL = Duration.ofMillis(500);

    private final ExportRequest request;
    private final ObjectMapper json = new ObjectMapper();
    private final RowExtractor extractor = new RowExtractor();

    /**
     * Prepares an export.
     *
     * @param request what to export
     */
    public DatasetExport(final ExportRequest request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /**
     * The public topic of a kind, the only kind of topic an export reads.
     *
     * @param publicPrefix the public prefix
     * @param kind         the kind
     * @return for example {@code public.logs}
     */
    public static String topic(final String publicPrefix, final RecordKind kind) {
        return publicPrefix + kind.topicSuffix();
    }

    /**
     * Runs the export.
     *
     * @return what this run exported
     * @throws IOException      if the directory cannot be written
     * @throws ExportRefusedException if a record is not a public-tier record, or a topic is missing
     */
    public Summary run() throws IOException {
        final Path out = request.out();
        Files.createDirectories(out);
        final ExportState state = ExportState.load(out, json);
        if (state.runs > 0 && (request.fromTime() != null || request.fromOffset() != null)) {
            throw new IllegalArgumentException(out + " already holds an export of " + state.runs + " run(s); it resumes"
                    + " from the offsets it recorded, so a start time or offset does not apply: use a new directory");
        }
        removeUnfinishedRuns(out, state.runs);
        final int run = state.runs + 1;
        final Map<String, Object> properties = new HashMap<>(request.clientProperties());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "anonymizer-export");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        final Map<RecordKind, Long> records = new EnumMap<>(RecordKind.class);
        final Map<RecordKind, Long> rows = new EnumMap<>(RecordKind.class);
        final Map<String, ParquetTable> tables = new LinkedHashMap<>();
        final Map<String, Path> temporaries = new LinkedHashMap<>();
        final Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final Map<TopicPartition, RecordKind> partitions = partitions(consumer);
            consumer.assign(partitions.keySet());
            final Map<TopicPartition, Long> starts = starts(consumer, partitions, state);
            ends = ends(consumer, partitions);
            starts.forEach((partition, start) -> ends.merge(partition, start, Math::max));
            starts.forEach(consumer::seek);
            // Progress counts offsets, not records: transaction markers take offsets too.
            final long total = ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
            long done = 0;
            long lastProgress = System.nanoTime();
            long lastAdvance = System.nanoTime();
            while (!caughtUp(consumer, ends)) {
                boolean advanced = false;
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    advanced = true;
                    final RecordKind kind = partitions.get(partition);
                    final ProvenanceStamp stamp = requirePublic(record);
                    state.keyEpochs.add(Integer.toString(stamp.keyEpoch()));
                    state.policyVersions.add(stamp.policyVersion());
                    state.scrubberVersions.add(stamp.scrubberVersion());
                    for (final ExportRow row : extractor.rows(kind, record)) {
                        table(out, kind, row.timestamp(), run, tables, temporaries).write(row);
                        rows.merge(kind, 1L, Long::sum);
                        if (kind == RecordKind.METRICS && row.get("metric") == null) {
                            state.unreadLines.merge(kind, 1L, Long::sum);
                        }
                        final Instant time = row.timestamp();
                        state.first = state.first == null || time.isBefore(state.first) ? time : state.first;
                        state.last = state.last == null || time.isAfter(state.last) ? time : state.last;
                    }
                    records.merge(kind, 1L, Long::sum);
                    done++;
                }
                final long read = read(consumer, starts, ends);
                final long now = System.nanoTime();
                if (advanced) {
                    lastAdvance = now;
                } else if (now - lastAdvance > request.stallTimeout().toNanos()) {
                    throw new IOException("no records arrived for " + request.stallTimeout().toSeconds()
                            + " s before the end offsets " + lagging(consumer, ends) + "; nothing was recorded, run"
                            + " the export again");
                }
                if (request.progress() != null && now - lastProgress >= request.progressInterval().toNanos()) {
                    progress(read, total, done);
                    lastProgress = now;
                }
            }
            if (request.progress() != null) {
                progress(total, total, done);
            }
        } catch (final IOException | RuntimeException e) {
            closeQuietly(tables.values());
            for (final Path temporary : temporaries.values()) {
                Files.deleteIfExists(temporary);
            }
            throw e;
        }
        for (final ParquetTable table : tables.values()) {
            table.close();
        }
        final List<Path> files = new ArrayList<>();
        for (final Path temporary : temporaries.values()) {
            final String name = temporary.getFileName().toString();
            final Path file = temporary.resolveSibling(name.substring(1, name.length() - ".tmp".length()));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            files.add(file);
        }
        state.runs = run;
        state.offsets.putAll(ends);
        records.forEach((kind, count) -> state.records.merge(kind, count, Long::sum));
        rows.forEach((kind, count) -> state.rows.merge(kind, count, Long::sum));
        writeLicense(out);
        json.writer(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(SCHEMA_FILE).toFile(),
                ExportSchema.json(json));
        Files.writeString(out.resolve(DATASHEET_FILE), Datasheet.render(state, request.publicPrefix()),
                StandardCharsets.UTF_8);
        state.save(out, json);
        return new Summary(run, Map.copyOf(records), Map.copyOf(rows), List.copyOf(files));
    }

    /** The partitions of the public topics of the requested kinds; a missing topic stops the export. */
    private Map<TopicPartition, RecordKind> partitions(final KafkaConsumer<byte[], byte[]> consumer) {
        final Map<TopicPartition, RecordKind> partitions = new LinkedHashMap<>();
        final Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(30));
        for (final RecordKind kind : request.kinds()) {
            final String topic = topic(request.publicPrefix(), kind);
            final List<PartitionInfo> infos = existing.get(topic);
            if (infos == null || infos.isEmpty()) {
                throw new ExportRefusedException("the public topic " + topic + " does not exist (or this user may not"
                        + " describe it); export only the kinds that exist with --kinds");
            }
            for (final PartitionInfo info : infos) {
                partitions.put(new TopicPartition(topic, info.partition()), kind);
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> starts(final KafkaConsumer<byte[], byte[]> consumer,
            final Map<TopicPartition, RecordKind> partitions, final ExportState state) {
        final Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions.keySet());
        final Map<TopicPartition, Long> starts = new HashMap<>();
        final Map<TopicPartition, OffsetAndTimestamp> byTime = request.fromTime() == null ? Map.of()
                : consumer.offsetsForTimes(timestamps(partitions, request.fromTime()));
        final Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions.keySet());
        for (final TopicPartition partition : partitions.keySet()) {
            final long beginning = beginnings.get(partition);
            final long start;
            if (state.offsets.containsKey(partition)) {
                start = state.offsets.get(partition);
            } else if (request.fromTime() != null) {
                final OffsetAndTimestamp found = byTime.get(partition);
                start = found == null ? endOffsets.get(partition) : found.offset();
            } else if (request.fromOffset() != null) {
                start = request.fromOffset();
            } else {
                start = beginning;
            }
            // Records older than the topic's retention are gone; the datasheet counts only what was read.
            starts.put(partition, Math.max(start, beginning));
        }
        return starts;
    }

    private Map<TopicPartition, Long> ends(final KafkaConsumer<byte[], byte[]> consumer,
            final Map<TopicPartition, RecordKind> partitions) {
        // Under read_committed these are the last stable offsets: nothing of an open transaction is waited for.
        final Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions.keySet()));
        if (request.toOffset() != null) {
            ends.replaceAll((partition, end) -> Math.min(end, request.toOffset()));
        }
        if (request.toTime() != null) {
            final Map<TopicPartition, OffsetAndTimestamp> byTime =
                    consumer.offsetsForTimes(timestamps(partitions, request.toTime()));
            ends.replaceAll((partition, end) -> byTime.get(partition) == null ? end
                    : Math.min(end, byTime.get(partition).offset()));
        }
        return ends;
    }

    private static Map<TopicPartition, Long> timestamps(final Map<TopicPartition, RecordKind> partitions,
            final Instant time) {
        final Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.keySet().forEach(partition -> timestamps.put(partition, time.toEpochMilli()));
        return timestamps;
    }

    private static boolean caughtUp(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> ends) {
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String lagging(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> ends) {
        final StringBuilder lagging = new StringBuilder();
        ends.forEach((partition, end) -> {
            final long position = consumer.position(partition);
            if (position < end) {
                lagging.append(lagging.isEmpty() ? "" : ", ").append(partition).append(" at ").append(position)
                        .append(" of ").append(end);
            }
        });
        return lagging.toString();
    }

    /**
     * Refuses any record that is not a public-tier record carrying the dataset licence; names only its coordinates.
     *
     * @return the record's provenance
     */
    private static ProvenanceStamp requirePublic(final ConsumerRecord<byte[], byte[]> record) {
        final Optional<ProvenanceStamp> stamp = ProvenanceStamp.read(record.headers());
        if (stamp.isEmpty() || stamp.get().tier() != Tier.PUBLIC
                || !PublisherTopology.DATASET_LICENSE.equals(stamp.get().license())) {
            throw new ExportRefusedException("refusing to export " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": it is not a public-tier record carrying the dataset license ("
                    + RecordHeaderNames.PROVENANCE + "=" + stamp.map(s -> new String(s.encode(),
                            java.nio.charset.StandardCharsets.UTF_8)).orElse("none")
                    + "); nothing of this run was kept");
        }
        return stamp.get();
    }

    private static ParquetTable table(final Path out, final RecordKind kind, final Instant time, final int run,
            final Map<String, ParquetTable> tables, final Map<String, Path> temporaries) throws IOException {
        final LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        final String key = kind.topicSuffix() + "/day=" + day;
        ParquetTable table = tables.get(key);
        if (table == null) {
            final Path directory = out.resolve(kind.topicSuffix()).resolve("day=" + day);
            Files.createDirectories(directory);
            final Path temporary = directory.resolve("." + partName(run) + TEMPORARY_SUFFIX);
            Files.deleteIfExists(temporary);
            temporaries.put(key, temporary);
            table = new ParquetTable(kind, temporary);
            tables.put(key, table);
        }
        return table;
    }

    static String partName(final int run) {
        return String.format(Locale.ROOT, "part-%05d", run);
    }

    /** Removes what a run that did not record its offsets left behind: its temporary and its renamed files. */
    private static void removeUnfinishedRuns(final Path out, final int completedRuns) throws IOException {
        for (final RecordKind kind : RecordKind.values()) {
            final Path directory = out.resolve(kind.topicSuffix());
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (final Path file : files.filter(Files::isRegularFile).toList()) {
                    final String name = file.getFileName().toString();
                    if (name.endsWith(TEMPORARY_SUFFIX) || name.startsWith("part-") && name.endsWith(".parquet")
                            && runOf(name) > completedRuns) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private static int runOf(final String partFile) {
        try {
            return Integer.parseInt(partFile.substring("part-".length(), partFile.length() - ".parquet".length()));
        } catch (final NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Offsets passed so far, over every partition. */
    private static long read(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> starts,
            final Map<TopicPartition, Long> ends) {
        long read = 0;
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            read += Math.min(consumer.position(end.getKey()), end.getValue()) - starts.get(end.getKey());
        }
        return read;
    }

    private void progress(final long read, final long total, final long records) {
        final long percent = total == 0 ? 100 : read * 100 / total;
        request.progress().printf(Locale.ROOT, "export: %d%% of %,d offsets, %,d records%n", percent, total, records);
        request.progress().flush();
    }

    private static void writeLicense(final Path out) throws IOException {
        try (InputStream text = DatasetExport.class.getResourceAsStream(LICENSE_RESOURCE)) {
            if (text == null) {
                throw new IOException("the licence text " + LICENSE_RESOURCE + " is missing from the application");
            }
            Files.write(out.resolve(LICENSE_FILE), text.readAllBytes());
        }
    }

    private static void closeQuietly(final Iterable<ParquetTable> tables) {
        for (final ParquetTable table : tables) {
            try {
                table.close();
            } catch (final IOException | RuntimeException e) {
                // The file is deleted next; its close error adds nothing to the one being reported.
            }
        }
    }

    /**
     * What one run exported.
     *
     * @param run     the run's number, also in its files' names
     * @param records records read, per kind
     * @param rows    rows written, per kind
     * @param files   the Parquet files written
     */
    public record Summary(int run, Map<RecordKind, Long> records, Map<RecordKind, Long> rows, List<Path> files) {
    }
}
