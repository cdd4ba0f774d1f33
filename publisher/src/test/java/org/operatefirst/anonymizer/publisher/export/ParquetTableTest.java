package org.operatefirst.anonymizer.publisher.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Rows of every kind, extracted from published records, written with parquet-java on the service's class path (no
 * Hadoop runtime) and read back with DuckDB: typed columns, maps, UTC timestamps and the provenance headers.
 */
class ParquetTableTest {

    private static final long TIME = 1_620_209_251_000L;

    @TempDir
    private Path directory;

    private final RowExtractor extractor = new RowExtractor();

    @Test
    void everyKindIsWrittenWithTypedColumnsThatDuckDbReads() throws Exception {
        write(RecordKind.LOGS, "{\"message\":\"GET /user/uabcdefghijkl/\",\"log_type\":\"infrastructure\","
                + "\"kubernetes\":{\"namespace_name\":\"openshift-ingress\",\"pod_name\":\"router-1\","
                + "\"host\":\"os-wrk-1\"}}", "plain line, no envelope");
        write(RecordKind.EVENTS, "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"count\":3,\"lastTimestamp\":"
                + "\"2021-05-05T10:07:31Z\",\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"nb-1\",\"namespace\":\"opf\"},"
                + "\"reason\":\"Pulled\",\"type\":\"Normal\",\"message\":\"pulled\",\"source\":{\"component\":\"kubelet\","
                + "\"host\":\"os-wrk-1\"}}");
        write(RecordKind.METRICS, "# TYPE m gauge\nm{namespace=\"opf\",pod=\"nb-1\",node=\"os-wrk-1\"} 2.5 1620209251000\n"
                + "not a sample\n");
        write(RecordKind.ALERTS, "{\"groupKey\":\"g\",\"receiver\":\"default\",\"status\":\"firing\",\"alerts\":["
                + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"namespace\":\"opf\"},"
                + "\"annotations\":{\"summary\":\"s\"},\"startsAt\":\"2021-05-05T10:15:00Z\","
                + "\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"f\"},"
                + "{\"status\":\"resolved\",\"labels\":{\"alertname\":\"B\"},\"startsAt\":\"2021-05-05T10:15:00Z\","
                + "\"endsAt\":\"2021-05-05T10:20:00Z\"}]}");

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            assertThat(row(sql, "SELECT namespace, pod, node, message, log_type, epoch_ms(timestamp)::VARCHAR, key_epoch"
                    + "::VARCHAR, dataset_license FROM " + file(RecordKind.LOGS) + " WHERE value IS NOT NULL"))
                    .containsExactly("openshift-ingress", "router-1", "os-wrk-1", "GET /user/uabcdefghijkl/",
                            "infrastructure", Long.toString(TIME), "2031", "CDLA-Permissive-2.0");
            assertThat(row(sql, "SELECT message, namespace FROM " + file(RecordKind.LOGS) + " WHERE value IS NULL"))
                    .containsExactly("plain line, no envelope", null);
            assertThat(row(sql, "SELECT namespace, pod, node, reason, component, count::VARCHAR, "
                    + "strftime(event_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') FROM " + file(RecordKind.EVENTS)))
                    .containsExactly("opf", "nb-1", "os-wrk-1", "Pulled", "kubelet", "3", "2021-05-05T10:07:31");
            assertThat(row(sql, "SELECT metric, labels['pod'], sample_value::VARCHAR, epoch_ms(sample_time)::VARCHAR, pod,"
                    + " node FROM " + file(RecordKind.METRICS) + " WHERE metric IS NOT NULL"))
                    .containsExactly("m", "nb-1", "2.5", Long.toString(TIME), "nb-1", "os-wrk-1");
            assertThat(row(sql, "SELECT value_text FROM " + file(RecordKind.METRICS) + " WHERE metric IS NULL"))
                    .containsExactly("not a sample");
            assertThat(row(sql, "SELECT alertname, severity, namespace, annotations['summary'], (ends_at IS NULL)::VARCHAR"
                    + " FROM " + file(RecordKind.ALERTS) + " WHERE alertname = 'A'"))
                    .containsExactly("A", "warning", "opf", "s", "true");
            assertThat(row(sql, "SELECT status, (ends_at IS NOT NULL)::VARCHAR, group_key FROM " + file(RecordKind.ALERTS)
                    + " WHERE alertname = 'B'")).containsExactly("resolved", "true", "g");
            assertThat(row(sql, "SELECT typeof(labels), typeof(timestamp), typeof(key_epoch) FROM "
                    + file(RecordKind.ALERTS) + " LIMIT 1"))
                    .containsExactly("MAP(VARCHAR, VARCHAR)", "TIMESTAMP WITH TIME ZONE", "INTEGER");
        }
    }

    private void write(final RecordKind kind, final String... values) throws Exception {
        try (ParquetTable table = new ParquetTable(kind, directory.resolve(kind.topicSuffix() + ".parquet"))) {
            long offset = 0;
            for (final String value : values) {
                final RecordHeaders headers = new RecordHeaders();
                headers.add(new RecordHeader(RecordHeaderNames.PROVENANCE,
                        bytes("p/2031/0.3.0/CDLA-Permissive-2.0/site-1")));
                final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("public." + kind.topicSuffix(), 0,
                        offset++, TIME, TimestampType.CREATE_TIME, 0, value.length(), null, bytes(value), headers,
                        java.util.Optional.empty());
                for (final ExportRow row : extractor.rows(kind, record)) {
                    table.write(row);
                }
            }
        }
    }

    private String file(final RecordKind kind) {
        return "'" + directory.resolve(kind.topicSuffix() + ".parquet") + "'";
    }

    private static List<String> row(final Statement sql, final String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            assertThat(result.next()).as(query).isTrue();
            final java.util.ArrayList<String> values = new java.util.ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                values.add(result.getString(i));
            }
            assertThat(result.next()).as("one row from %s", query).isFalse();
            return values;
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
