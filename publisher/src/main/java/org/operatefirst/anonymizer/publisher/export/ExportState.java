package org.operatefirst.anonymizer.publisher.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * What a dataset directory already holds: the number of completed export runs, the next offset to read of every
 * partition exported so far, and the totals the datasheet reports. Kept in {@code _export/state.json}, replaced
 * atomically after a run's files are in place; a run that did not get that far is undone by the next one
 * ({@link DatasetExport}).
 */
final class ExportState {

    static final String FILE = "_export/state.json";
    private static final int FORMAT = 1;

    int runs;
    final Map<TopicPartition, Long> offsets = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
            ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
    final Map<RecordKind, Long> records = new EnumMap<>(RecordKind.class);
    final Map<RecordKind, Long> rows = new EnumMap<>(RecordKind.class);
    final Map<RecordKind, Long> unreadLines = new EnumMap<>(RecordKind.class);
    final TreeSet<String> keyEpochs = new TreeSet<>();
    final TreeSet<String> policyVersions = new TreeSet<>();
    final TreeSet<String> scrubberVersions = new TreeSet<>();
    Instant first;
    Instant last;

    /** The state of a directory, or an empty state if nothing was exported into it yet. */
    static ExportState load(final Path dataset, final ObjectMapper json) throws IOException {
        final ExportState state = new ExportState();
        final Path file = dataset.resolve(FILE);
        if (!Files.exists(file)) {
            return state;
        }
        final JsonNode root = json.readTree(file.toFile());
        if (root.path("format").asInt() != FORMAT) {
            throw new IOException(file + " has format " + root.path("format") + ", this version reads " + FORMAT);
        }
        state.runs = root.path("runs").asInt();
        for (final Iterator<Map.Entry<String, JsonNode>> topics = root.path("offsets").fields(); topics.hasNext();) {
            final Map.Entry<String, JsonNode> topic = topics.next();
            for (final Iterator<Map.Entry<String, JsonNode>> it = topic.getValue().fields(); it.hasNext();) {
                final Map.Entry<String, JsonNode> partition = it.next();
                state.offsets.put(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
                        partition.getValue().asLong());
            }
        }
        for (final RecordKind kind : RecordKind.values()) {
            readCount(root.path("records"), kind, state.records);
            readCount(root.path("rows"), kind, state.rows);
            readCount(root.path("unread_lines"), kind, state.unreadLines);
        }
        root.path("key_epochs").forEach(node -> state.keyEpochs.add(node.asText()));
        root.path("policy_versions").forEach(node -> state.policyVersions.add(node.asText()));
        root.path("scrubber_versions").forEach(node -> state.scrubberVersions.add(node.asText()));
        state.first = root.hasNonNull("first_timestamp") ? Instant.parse(root.get("first_timestamp").asText()) : null;
        state.last = root.hasNonNull("last_timestamp") ? Instant.parse(root.get("last_timestamp").asText()) : null;
        return state;
    }

    private static void readCount(final JsonNode counts, final RecordKind kind, final Map<RecordKind, Long> into) {
        if (counts.has(kind.topicSuffix())) {
            into.put(kind, counts.get(kind.topicSuffix()).asLong());
        }
    }

    /** Writes the state next to a temporary copy and moves it into place in one step. */
    void save(final Path dataset, final ObjectMapper json) throws IOException {
        final ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("runs", runs);
        final ObjectNode offsetsNode = root.putObject("offsets");
        offsets.forEach((partition, offset) -> {
            final ObjectNode topic = offsetsNode.has(partition.topic()) ? (ObjectNode) offsetsNode.get(partition.topic())
                    : offsetsNode.putObject(partition.topic());
            topic.put(Integer.toString(partition.partition()), offset);
        });
        final ObjectNode recordsNode = root.putObject("records");
        records.forEach((kind, count) -> recordsNode.put(kind.topicSuffix(), count));
        final ObjectNode rowsNode = root.putObject("rows");
        rows.forEach((kind, count) -> rowsNode.put(kind.topicSuffix(), count));
        final ObjectNode unreadNode = root.putObject("unread_lines");
        unreadLines.forEach((kind, count) -> unreadNode.put(kind.topicSuffix(), count));
        keyEpochs.forEach(root.putArray("key_epochs")::add);
        policyVersions.forEach(root.putArray("policy_versions")::add);
        scrubberVersions.forEach(root.putArray("scrubber_versions")::add);
        root.put("first_timestamp", first == null ? null : first.toString());
        root.put("last_timestamp", last == null ? null : last.toString());
        final Path file = dataset.resolve(FILE);
        Files.createDirectories(file.getParent());
        final Path temporary = file.resolveSibling("state.json.tmp");
        json.writer(SerializationFeature.INDENT_OUTPUT).writeValue(temporary.toFile(), root);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    long records(final RecordKind kind) {
        return records.getOrDefault(kind, 0L);
    }

    long rows(final RecordKind kind) {
        return rows.getOrDefault(kind, 0L);
    }

    long unreadLines(final RecordKind kind) {
        return unreadLines.getOrDefault(kind, 0L);
    }
}
