package org.operatefirst.anonymizer.ingest.decode;

import java.util.List;
import java.util.Locale;

/**
 * The decoders by name, for per-topic configuration (for example {@code raw.logs: vector}). Every name is a
 * collector's output format:
 *
 * <table>
 *   <caption>Decoder names</caption>
 *   <tr><th>name</th><th>what a record holds</th><th>decoder</th></tr>
 *   <tr><td>{@code text}</td><td>UTF-8 text: a log line (rsyslog {@code omkafka}), an exposition block, JSON
 *       passed as it is</td><td>{@link TextDecoder}</td></tr>
 *   <tr><td>{@code exposition}</td><td>Prometheus text exposition</td><td>{@link TextDecoder}</td></tr>
 *   <tr><td>{@code vector}</td><td>Vector {@code kubernetes_logs} JSON</td><td>{@link LogEnvelopeDecoder}</td></tr>
 *   <tr><td>{@code fluent-bit}</td><td>Fluent Bit JSON with Kubernetes metadata</td>
 *       <td>{@link LogEnvelopeDecoder}</td></tr>
 *   <tr><td>{@code viaq}</td><td>OpenShift Logging (ViaQ) JSON</td><td>{@link LogEnvelopeDecoder}</td></tr>
 *   <tr><td>{@code otlp-json-logs}</td><td>OpenTelemetry Collector {@code otlp_json} logs</td>
 *       <td>{@link OtlpJsonDecoder}</td></tr>
 *   <tr><td>{@code otlp-json-metrics}</td><td>OpenTelemetry Collector {@code otlp_json} metrics</td>
 *       <td>{@link OtlpJsonDecoder}</td></tr>
 *   <tr><td>{@code prometheus-kafka-adapter}</td><td>prometheus-kafka-adapter JSON samples</td>
 *       <td>{@link PrometheusKafkaAdapterDecoder}</td></tr>
 * </table>
 */
public final class Decoders {

    /** Every decoder name, in the order of the table above. */
    public static final List<String> NAMES = List.of("text", "exposition", "vector", "fluent-bit", "viaq",
            "otlp-json-logs", "otlp-json-metrics", "prometheus-kafka-adapter");

    private Decoders() {
    }

    /**
     * Creates the decoder of a name.
     *
     * @param name     one of {@link #NAMES}, any case
     * @param maxBytes the largest record value accepted
     * @param maxDepth the deepest JSON nesting accepted
     * @return the decoder
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static RecordDecoder named(final String name, final int maxBytes, final int maxDepth) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text", "exposition" -> new TextDecoder(maxBytes);
            case "vector" -> new LogEnvelopeDecoder(LogEnvelopeDecoder.Shape.VECTOR, maxBytes, maxDepth);
            case "fluent-bit" -> new LogEnvelopeDecoder(LogEnvelopeDecoder.Shape.FLUENT_BIT, maxBytes, maxDepth);
            case "viaq" -> new LogEnvelopeDecoder(LogEnvelopeDecoder.Shape.VIAQ, maxBytes, maxDepth);
            case "otlp-json-logs" -> new OtlpJsonDecoder(OtlpJsonDecoder.Signal.LOGS, maxBytes, maxDepth);
            case "otlp-json-metrics" -> new OtlpJsonDecoder(OtlpJsonDecoder.Signal.METRICS, maxBytes, maxDepth);
            case "prometheus-kafka-adapter" -> new PrometheusKafkaAdapterDecoder(maxBytes);
            default -> throw new IllegalArgumentException("unknown decoder '" + name + "': use one of " + NAMES);
        };
    }
}
