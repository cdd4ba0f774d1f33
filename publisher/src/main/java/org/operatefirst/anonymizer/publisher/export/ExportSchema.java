package org.operatefirst.anonymizer.publisher.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * The tables of an exported dataset: one per kind, with the columns every kind shares (time, namespace, pod,
 * node), the kind's own fields, then the record's provenance headers and its Kafka coordinates. One place for
 * the columns: the Parquet schema, {@code schema.json} and the datasheet are all made from it.
 */
final class ExportSchema {

    /** Version of the layout below, written into {@code schema.json}; raise it when a column changes. */
    static final int VERSION = 1;

    static final String TIMESTAMP = "timestamp";
    static final String NAMESPACE = "namespace";
    static final String POD = "pod";
    static final String NODE = "node";
    static final String MESSAGE = "message";
    static final String VALUE = "value";
    static final String LABELS = "labels";

    private static final List<Column> SHARED = List.of(
            new Column(TIMESTAMP, Column.Type.TIMESTAMP, "When the record was written to its raw topic (the Kafka "
                    + "record timestamp, UTC); the day partition is taken from it"),
            new Column(NAMESPACE, Column.Type.STRING, "Kubernetes namespace the record is about, if it names one"),
            new Column(POD, Column.Type.STRING, "Pod the record is about, if it names one (pseudonymized where it "
                    + "embeds a user name)"),
            new Column(NODE, Column.Type.STRING, "Node the record is about or comes from, if it names one"));

    private static final List<Column> PROVENANCE = List.of(
            new Column("tier", Column.Type.STRING, "From the provenance header ap: always 'public'"),
            new Column("scrubber_version", Column.Type.STRING, "From the provenance header ap: the scrubber's "
                    + "version"),
            new Column("policy_version", Column.Type.STRING, "From the provenance header ap: the data policy "
                    + "the record was scrubbed under"),
            new Column("key_epoch", Column.Type.INT32, "From the provenance header ap: pseudonyms join only "
                    + "within one epoch"),
            new Column("dataset_license", Column.Type.STRING, "From the provenance header ap: the dataset license "
                    + "(SPDX identifier)"),
            new Column("findings", Column.Type.STRING, "Header af: what was rewritten, as type=count pairs "
                    + "(empty if nothing was)"),
            new Column("kafka_topic", Column.Type.STRING, "Public topic the record was read from"),
            new Column("kafka_partition", Column.Type.INT32, "Its partition"),
            new Column("kafka_offset", Column.Type.INT64, "Its offset: (kafka_topic, kafka_partition, "
                    + "kafka_offset) identifies a record, several rows when it holds several series or alerts"),
            new Column("kafka_key", Column.Type.STRING, "The record key as published, if any"));

    private static final Map<RecordKind, List<Column>> OWN = new EnumMap<>(RecordKind.class);

    static {
        OWN.put(RecordKind.LOGS, List.of(
                new Column(MESSAGE, Column.Type.STRING, "The log line; for a collector's JSON envelope its "
                        + "message field"),
                new Column("container", Column.Type.STRING, "Container, from a collector's JSON envelope"),
                new Column("log_type", Column.Type.STRING, "OpenShift Logging's log_type, from a JSON envelope"),
                new Column(VALUE, Column.Type.STRING, "The whole JSON envelope as published; null for a plain "
                        + "line")));
        OWN.put(RecordKind.EVENTS, List.of(
                new Column("reason", Column.Type.STRING, "Event reason, e.g. Pulled"),
                new Column("type", Column.Type.STRING, "Normal or Warning"),
                new Column(MESSAGE, Column.Type.STRING, "message (core/v1) or note (events.k8s.io/v1)"),
                new Column("object_kind", Column.Type.STRING, "Kind of the object the event is about"),
                new Column("object_name", Column.Type.STRING, "Name of the object the event is about"),
                new Column("component", Column.Type.STRING, "Reporting component or controller"),
                new Column("count", Column.Type.INT64, "How often the event occurred, if reported"),
                new Column("event_time", Column.Type.TIMESTAMP, "eventTime, else lastTimestamp, else "
                        + "firstTimestamp"),
                new Column(VALUE, Column.Type.STRING, "The whole event as published (JSON)")));
        OWN.put(RecordKind.METRICS, List.of(
                new Column("metric", Column.Type.STRING, "Metric name; null for a line that is not an "
                        + "exposition sample (see value_text)"),
                new Column(LABELS, Column.Type.MAP, "The series' labels"),
                new Column("sample_value", Column.Type.DOUBLE, "The sample value"),
                new Column("sample_time", Column.Type.TIMESTAMP, "The sample's own timestamp, if it has one"),
                new Column("value_text", Column.Type.STRING, "The line as published, only when it could not be "
                        + "read as a sample")));
        OWN.put(RecordKind.ALERTS, List.of(
                new Column("alertname", Column.Type.STRING, "The alertname label"),
                new Column("status", Column.Type.STRING, "firing or resolved"),
                new Column("severity", Column.Type.STRING, "The severity label"),
                new Column(LABELS, Column.Type.MAP, "The alert's labels"),
                new Column("annotations", Column.Type.MAP, "The alert's annotations"),
                new Column("starts_at", Column.Type.TIMESTAMP, "startsAt"),
                new Column("ends_at", Column.Type.TIMESTAMP, "endsAt; null while firing (Alertmanager's zero "
                        + "time)"),
                new Column("fingerprint", Column.Type.STRING, "The alert's fingerprint, recomputed from its "
                        + "scrubbed labels"),
                new Column("group_key", Column.Type.STRING, "The notification's groupKey"),
                new Column("receiver", Column.Type.STRING, "The Alertmanager receiver")));
    }

    private ExportSchema() {
    }

    /** The columns of a kind's table, in file order. */
    static List<Column> columns(final RecordKind kind) {
        final List<Column> columns = new ArrayList<>(SHARED);
        columns.addAll(OWN.get(kind));
        columns.addAll(PROVENANCE);
        return Collections.unmodifiableList(columns);
    }

    /** The Parquet schema of a kind's files. */
    static MessageType parquet(final RecordKind kind) {
        final StringBuilder schema = new StringBuilder("message ").append(kind.topicSuffix()).append(" {\n");
        for (final Column column : columns(kind)) {
            schema.append("  ").append(column.parquetField()).append('\n');
        }
        return MessageTypeParser.parseMessageType(schema.append('}').toString());
    }

    /** {@code schema.json}: per kind, where its files are and what each column holds. */
    static ObjectNode json(final ObjectMapper mapper) {
        final ObjectNode root = mapper.createObjectNode();
        root.put("schema_version", VERSION);
        root.put("format", "parquet");
        root.put("layout", "<kind>/day=<yyyy-mm-dd>/part-<run>.parquet, day in UTC");
        final ObjectNode tables = root.putObject("tables");
        for (final RecordKind kind : RecordKind.values()) {
            final ObjectNode table = tables.putObject(kind.topicSuffix());
            table.put("files", kind.topicSuffix() + "/day=*/*.parquet");
            table.put("row", rowDescription(kind));
            final ArrayNode columns = table.putArray("columns");
            for (final Column column : columns(kind)) {
                columns.addObject().put("name", column.name()).put("type", column.type().sql())
                        .put("parquet", column.type().parquet()).put("nullable", true)
                        .put("description", column.description());
            }
        }
        return root;
    }

    /** What one row of a kind's table is. */
    static String rowDescription(final RecordKind kind) {
        return switch (kind) {
            case LOGS -> "one log line";
            case EVENTS -> "one Kubernetes Event";
            case METRICS -> "one sample line of an exposition record (a record may hold several series)";
            case ALERTS -> "one alert of an Alertmanager notification (a notification may hold several)";
        };
    }
}
