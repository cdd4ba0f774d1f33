package org.operatefirst.anonymizer.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpJsonDecoderTest {

    /** As the OpenTelemetry Collector's kafka exporter writes logs with encoding otlp_json. */
    static final String LOGS = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"k8s.pod.name","value":{"stringValue":"hub-7d9"}},
            {"key":"k8s.namespace.name","value":{"stringValue":"jupyterhub"}}]},"scopeLogs":[{"scope":{},
            "logRecords":[{"timeUnixNano":"1620208962210000000","severityText":"INFO","body":{"stringValue":
            "200 GET /hub/spawn-pending/jdoe@example.org"},"attributes":[{"key":"log.iostream","value":
            {"stringValue":"stderr"}}]},{"timeUnixNano":"1620208963000000000","body":{"stringValue":
            "login from 192.0.2.7"}}]}]}]}
            """;

    /** As the kafka exporter writes metrics with encoding otlp_json (a gauge and a cumulative sum). */
    static final String METRICS = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"k8s.pod.name","value":{"stringValue":
            "jupyterhub-nb-jdoe-40example-2eorg"}},{"key":"host.ip","value":{"stringValue":"198.51.100.17"}}]},
            "scopeMetrics":[{"scope":{"name":"otelcol/kubeletstats"},"metrics":[{"name":"k8s.pod.memory.usage",
            "unit":"By","gauge":{"dataPoints":[{"timeUnixNano":"1620208962210000000","asInt":"1048576"}]}},
            {"name":"http.server.requests","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
            {"attributes":[{"key":"http.route","value":{"stringValue":"/user/jdoe@example.org"}},
            {"key":"ok","value":{"boolValue":true}}],"timeUnixNano":"1620208962210000000","asDouble":3.5}]}}]}]}]}
            """;

    @Test
    void splitsLogsIntoOneJsonLinePerLogRecordWithItsResource() {
        final DecodeResult result = new OtlpJsonDecoder(OtlpJsonDecoder.Signal.LOGS, 1 << 16, 32)
                .decode(LOGS.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class, decoded -> assertThat(
                decoded.text().split("\n")).containsExactly(
                "{\"resource\":{\"attributes\":[{\"key\":\"k8s.pod.name\",\"value\":{\"stringValue\":\"hub-7d9\"}},"
                        + "{\"key\":\"k8s.namespace.name\",\"value\":{\"stringValue\":\"jupyterhub\"}}]},\"scope\":{},"
                        + "\"logRecord\":{\"timeUnixNano\":\"1620208962210000000\",\"severityText\":\"INFO\","
                        + "\"body\":{\"stringValue\":\"200 GET /hub/spawn-pending/jdoe@example.org\"},"
                        + "\"attributes\":[{\"key\":\"log.iostream\",\"value\":{\"stringValue\":\"stderr\"}}]}}",
                "{\"resource\":{\"attributes\":[{\"key\":\"k8s.pod.name\",\"value\":{\"stringValue\":\"hub-7d9\"}},"
                        + "{\"key\":\"k8s.namespace.name\",\"value\":{\"stringValue\":\"jupyterhub\"}}]},\"scope\":{},"
                        + "\"logRecord\":{\"timeUnixNano\":\"1620208963000000000\",\"body\":{\"stringValue\":"
                        + "\"login from 192.0.2.7\"}}}"));
    }

    @Test
    void splitsMetricsIntoOneExpositionLinePerDataPoint() {
        final DecodeResult result = new OtlpJsonDecoder(OtlpJsonDecoder.Signal.METRICS, 1 << 16, 32)
                .decode(METRICS.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isEqualTo(new DecodeResult.Decoded(
                "k8s_pod_memory_usage{k8s_pod_name=\"jupyterhub-nb-jdoe-40example-2eorg\",host_ip=\"198.51.100.17\"}"
                        + " 1048576 1620208962210\n"
                        + "http_server_requests{k8s_pod_name=\"jupyterhub-nb-jdoe-40example-2eorg\","
                        + "host_ip=\"198.51.100.17\",http_route=\"/user/jdoe@example.org\",ok=\"true\"} 3.5 "
                        + "1620208962210"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            logs sent to a metrics topic | METRICS | {"resourceLogs":[]}
            no log records               | LOGS    | {"resourceLogs":[{"scopeLogs":[{"logRecords":[]}]}]}
            a histogram                  | METRICS | {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"h","histogram":{"dataPoints":[]}}]}]}]}
            an array attribute           | METRICS | {"resourceMetrics":[{"resource":{"attributes":[{"key":"a","value":{"arrayValue":{}}}]},"scopeMetrics":[]}]}
            a point without time         | METRICS | {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[{"asDouble":1}]}}]}]}]}
            """)
    void rejectsWhatItCannotSplitFaithfully(final String name, final OtlpJsonDecoder.Signal signal,
            final String input) {
        assertThat(new OtlpJsonDecoder(signal, 1 << 16, 32).decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(LogEnvelopeDecoder.REASON_SHAPE));
    }
}
