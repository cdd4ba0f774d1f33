package org.operatefirst.anonymizer.publisher.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.operatefirst.anonymizer.publisher.topology.ProvenanceStamp;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Turns one public record into the rows of its kind's table: a log line or an event is one row, an exposition
 * record one row per sample line, an Alertmanager notification one row per alert. What cannot be read as the
 * kind's format still gives a row, with the published text and without the fields that could not be found.
 */
final class RowExtractor {

    /** Alertmanager's "not resolved yet" time. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final ObjectMapper json = new ObjectMapper();

    List<ExportRow> rows(final RecordKind kind, final ConsumerRecord<byte[], byte[]> record) {
        final String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        final List<ExportRow> rows = switch (kind) {
            case LOGS -> List.of(log(text));
            case EVENTS -> List.of(event(text));
            case METRICS -> metrics(text);
            case ALERTS -> alerts(text);
        };
        for (final ExportRow row : rows) {
            row.put(ExportSchema.TIMESTAMP, Instant.ofEpochMilli(record.timestamp()));
            provenance(row, record);
        }
        return rows;
    }

    private static void provenance(final ExportRow row, final ConsumerRecord<byte[], byte[]> record) {
        ProvenanceStamp.read(record.headers()).ifPresent(stamp -> {
            row.put("tier", stamp.tier().label());
            row.put("scrubber_version", stamp.scrubberVersion());
            row.put("policy_version", stamp.policyVersion());
            row.put("key_epoch", stamp.keyEpoch());
            row.put("dataset_license", stamp.license());
            row.put("findings", ProvenanceStamp.findings(record.headers()));
        });
        row.put("kafka_topic", record.topic());
        row.put("kafka_partition", record.partition());
        row.put("kafka_offset", record.offset());
        row.put("kafka_key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    }

    /** The last value of a header, as text, or null. */
    static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private ExportRow log(final String text) {
        final ExportRow row = new ExportRow();
        final JsonNode envelope = object(text);
        if (envelope == null) {
            return row.put(ExportSchema.MESSAGE, text);
        }
        final JsonNode kubernetes = envelope.path("kubernetes");
        row.put(ExportSchema.MESSAGE, string(envelope, "message"));
        row.put(ExportSchema.NAMESPACE, first(string(kubernetes, "namespace_name"), string(kubernetes, "namespace")));
        row.put(ExportSchema.POD, first(string(kubernetes, "pod_name"), string(kubernetes, "pod")));
        row.put(ExportSchema.NODE, first(string(kubernetes, "host"), string(kubernetes, "node_name"),
                string(envelope, "hostname")));
        row.put("container", first(string(kubernetes, "container_name"), string(kubernetes, "container")));
        row.put("log_type", string(envelope, "log_type"));
        return row.put(ExportSchema.VALUE, text);
    }

    private ExportRow event(final String text) {
        final ExportRow row = new ExportRow().put(ExportSchema.VALUE, text);
        final JsonNode event = object(text);
        if (event == null) {
            return row;
        }
        final JsonNode involved = event.has("regarding") ? event.path("regarding") : event.path("involvedObject");
        final String objectKind = string(involved, "kind");
        final String objectName = string(involved, "name");
        row.put("reason", string(event, "reason"));
        row.put("type", string(event, "type"));
        row.put(ExportSchema.MESSAGE, first(string(event, "message"), string(event, "note")));
        row.put("object_kind", objectKind);
        row.put("object_name", objectName);
        row.put("component", first(string(event.path("source"), "component"), string(event, "reportingController"),
                string(event, "reportingComponent")));
        if (event.path("count").isIntegralNumber()) {
            row.put("count", event.path("count").asLong());
        } else if (event.path("series").path("count").isIntegralNumber()) {
            row.put("count", event.path("series").path("count").asLong());
        }
        row.put("event_time", first(time(string(event, "eventTime")), time(string(event, "lastTimestamp")),
                time(string(event, "firstTimestamp"))));
        row.put(ExportSchema.NAMESPACE, first(string(involved, "namespace"),
                string(event.path("metadata"), "namespace")));
        if ("Pod".equals(objectKind)) {
            row.put(ExportSchema.POD, objectName);
        } else if ("Node".equals(objectKind)) {
            row.put(ExportSchema.NODE, objectName);
        }
        row.putIfAbsent(ExportSchema.NODE, first(string(event.path("source"), "host"),
                "kubelet".equals(string(event, "reportingController")) ? string(event, "reportingInstance") : null));
        return row;
    }

    private List<ExportRow> metrics(final String text) {
        final List<ExportRow> rows = new ArrayList<>();
        for (final String line : text.split("\n", -1)) {
            final String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            final ExportRow row = new ExportRow();
            ExpositionLine.parse(stripped).ifPresentOrElse(sample -> {
                row.put("metric", sample.metric());
                row.put(ExportSchema.LABELS, sample.labels());
                row.put("sample_value", sample.value());
                row.put("sample_time", sample.timestamp() == null ? null : Instant.ofEpochMilli(sample.timestamp()));
                located(row, sample.labels());
            }, () -> row.put("value_text", stripped));
            rows.add(row);
        }
        return rows.isEmpty() ? List.of(new ExportRow().put("value_text", text)) : rows;
    }

    private List<ExportRow> alerts(final String text) {
        final JsonNode notification = object(text);
        if (notification == null || !notification.path("alerts").isArray() || notification.path("alerts").isEmpty()) {
            return List.of(new ExportRow().put("group_key", notification == null ? null
                    : string(notification, "groupKey")));
        }
        final List<ExportRow> rows = new ArrayList<>();
        for (final JsonNode alert : notification.path("alerts")) {
            final Map<String, String> labels = strings(alert.path("labels"));
            final Instant ends = time(string(alert, "endsAt"));
            final ExportRow row = new ExportRow()
                    .put("alertname", labels.get("alertname"))
                    .put("status", first(string(alert, "status"), string(notification, "status")))
                    .put("severity", labels.get("severity"))
                    .put(ExportSchema.LABELS, labels)
                    .put("annotations", strings(alert.path("annotations")))
                    .put("starts_at", time(string(alert, "startsAt")))
                    .put("ends_at", ZERO_TIME.equals(ends) ? null : ends)
                    .put("fingerprint", string(alert, "fingerprint"))
                    .put("group_key", string(notification, "groupKey"))
                    .put("receiver", string(notification, "receiver"));
            located(row, labels);
            rows.add(row);
        }
        return rows;
    }

    /** Namespace, pod and node from the labels Prometheus and kube-state-metrics use for them. */
    private static void located(final ExportRow row, final Map<String, String> labels) {
        row.put(ExportSchema.NAMESPACE, labels.get("namespace"));
        row.put(ExportSchema.POD, labels.get("pod"));
        row.put(ExportSchema.NODE, first(labels.get("node"), labels.get("nodename")));
    }

    private JsonNode object(final String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return null;
        }
        try {
            final JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (final JsonProcessingException e) {
            return null;
        }
    }

    private static String string(final JsonNode node, final String field) {
        final JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Map<String, String> strings(final JsonNode object) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                    : field.getValue().toString());
        }
        return map;
    }

    private static Instant time(final String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T first(final T... values) {
        for (final T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
