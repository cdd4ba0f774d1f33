package org.operatefirst.anonymizer.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.operatefirst.anonymizer.ingest.remotewrite.ExpositionText;

/**
 * Decodes what the OpenTelemetry Collector's {@code kafka} exporter writes with {@code encoding: otlp_json}: an
 * OTLP {@code ExportLogsServiceRequest} or {@code ExportMetricsServiceRequest} in the OTLP/JSON mapping, which
 * batches many log records or data points into one Kafka record. Each item becomes one line of the text given
 * back, so every item is scrubbed and they stay apart:
 *
 * <ul>
 *   <li>{@link Signal#LOGS}: reads {@code resourceLogs[].resource}, {@code .scopeLogs[].scope} and
 *       {@code .scopeLogs[].logRecords[]}; each log record becomes one compact JSON line
 *       {@code {"resource":...,"scope":...,"logRecord":...}}, whole, so its body and attributes are scrubbed
 *       with the resource attributes (pod names, host addresses) beside them.</li>
 *   <li>{@link Signal#METRICS}: reads {@code resourceMetrics[].resource.attributes},
 *       {@code .scopeMetrics[].metrics[].name} and the {@code dataPoints} of {@code gauge} and {@code sum}
 *       metrics ({@code attributes}, {@code timeUnixNano}, {@code asDouble} or {@code asInt}); each data point
 *       becomes one Prometheus exposition line, labelled with the resource's and the point's attributes (the
 *       point's win), names made Prometheus-safe by replacing other characters with {@code _}. Histograms,
 *       exponential histograms and summaries, and attribute values that are arrays or maps, are rejected:
 *       rewriting them faithfully is not implemented, and passing them unscrubbed is not an option.</li>
 * </ul>
 * A value of another shape, or one without any item, is rejected with {@value LogEnvelopeDecoder#REASON_SHAPE}.
 * Thread-safe.
 */
public final class OtlpJsonDecoder implements RecordDecoder {

    /** The OTLP signal a topic holds. */
    public enum Signal {
        /** {@code ExportLogsServiceRequest}. */
        LOGS,
        /** {@code ExportMetricsServiceRequest}. */
        METRICS
    }

    private static final BigInteger NANOS_PER_MILLI = BigInteger.valueOf(1_000_000);

    private final Signal signal;
    private final JsonValues json;

    /**
     * Creates a decoder.
     *
     * @param signal   the signal the topic holds
     * @param maxBytes the largest value accepted
     * @param maxDepth the deepest JSON nesting accepted
     */
    public OtlpJsonDecoder(final Signal signal, final int maxBytes, final int maxDepth) {
        this.signal = Objects.requireNonNull(signal, "signal");
        this.json = new JsonValues(maxBytes, maxDepth);
    }

    @Override
    public DecodeResult decode(final byte[] value) {
        return switch (json.read(value)) {
            case JsonValues.Failed failed -> failed.rejected();
            case JsonValues.Parsed parsed -> {
                final List<String> lines = new ArrayList<>();
                final String problem = switch (signal) {
                    case LOGS -> logs(parsed.node(), lines);
                    case METRICS -> metrics(parsed.node(), lines);
                };
                if (problem == null && lines.isEmpty()) {
                    yield shape("the request holds no " + signal.name().toLowerCase(Locale.ROOT));
                }
                yield problem != null ? shape(problem) : new DecodeResult.Decoded(String.join("\n", lines));
            }
        };
    }

    private String logs(final JsonNode request, final List<String> lines) {
        final JsonNode resources = request.get("resourceLogs");
        if (resources == null || !resources.isArray()) {
            return "resourceLogs is missing";
        }
        for (final JsonNode resource : resources) {
            final JsonNode scopes = resource.path("scopeLogs");
            if (!scopes.isArray()) {
                return "scopeLogs is missing";
            }
            for (final JsonNode scope : scopes) {
                final JsonNode records = scope.path("logRecords");
                if (!records.isArray()) {
                    return "logRecords is missing";
                }
                for (final JsonNode record : records) {
                    if (!record.isObject()) {
                        return "a log record is not an object";
                    }
                    final ObjectNode line = JsonNodeFactory.instance.objectNode();
                    line.set("resource", resource.path("resource").isObject() ? resource.get("resource")
                            : JsonNodeFactory.instance.objectNode());
                    line.set("scope", scope.path("scope").isObject() ? scope.get("scope")
                            : JsonNodeFactory.instance.objectNode());
                    line.set("logRecord", record);
                    lines.add(json.compact(line));
                }
            }
        }
        return null;
    }

    private static String metrics(final JsonNode request, final List<String> lines) {
        final JsonNode resources = request.get("resourceMetrics");
        if (resources == null || !resources.isArray()) {
            return "resourceMetrics is missing";
        }
        for (final JsonNode resource : resources) {
            final Map<String, String> resourceLabels = new LinkedHashMap<>();
            final String problem = attributes(resource.path("resource").path("attributes"), resourceLabels);
            if (problem != null) {
                return problem;
            }
            final JsonNode scopes = resource.path("scopeMetrics");
            if (!scopes.isArray()) {
                return "scopeMetrics is missing";
            }
            for (final JsonNode scope : scopes) {
                for (final JsonNode metric : scope.path("metrics")) {
                    final String failure = metric(metric, resourceLabels, lines);
                    if (failure != null) {
                        return failure;
                    }
                }
            }
        }
        return null;
    }

    private static String metric(final JsonNode metric, final Map<String, String> resourceLabels,
            final List<String> lines) {
        final String name = JsonValues.text(metric, "name");
        if (name == null || name.isEmpty()) {
            return "a metric has no name";
        }
        final JsonNode data = metric.has("gauge") ? metric.get("gauge") : metric.get("sum");
        if (data == null || !data.path("dataPoints").isArray()) {
            return "metric types other than gauge and sum are not supported";
        }
        for (final JsonNode point : data.get("dataPoints")) {
            final Map<String, String> labels = new LinkedHashMap<>(resourceLabels);
            final String problem = attributes(point.path("attributes"), labels);
            if (problem != null) {
                return problem;
            }
            final List<String> pairs = new ArrayList<>();
            pairs.add(ExpositionText.NAME_LABEL);
            pairs.add(safeName(name, true));
            labels.forEach((key, value) -> {
                pairs.add(key);
                pairs.add(value);
            });
            final String invalid = ExpositionText.problem(pairs);
            if (invalid != null) {
                return invalid;
            }
            final Double value = pointValue(point);
            final Long millis = millis(point.get("timeUnixNano"));
            if (value == null || millis == null) {
                return "a data point has no asDouble or asInt value or no timeUnixNano";
            }
            lines.add(ExpositionText.lines(pairs, new long[] {millis}, new double[] {value}));
        }
        return null;
    }

    private static String attributes(final JsonNode attributes, final Map<String, String> into) {
        if (attributes.isMissingNode()) {
            return null;
        }
        if (!attributes.isArray()) {
            return "attributes is not an array";
        }
        for (final JsonNode attribute : attributes) {
            final String key = JsonValues.text(attribute, "key");
            final JsonNode value = attribute.path("value");
            final String text;
            if (value.has("stringValue") && value.get("stringValue").isTextual()) {
                text = value.get("stringValue").textValue();
            } else if (value.has("boolValue") && value.get("boolValue").isBoolean()) {
                text = Boolean.toString(value.get("boolValue").booleanValue());
            } else if (value.has("intValue") && (value.get("intValue").isTextual()
                    || value.get("intValue").isIntegralNumber())) {
                text = value.get("intValue").asText();
            } else if (value.has("doubleValue") && value.get("doubleValue").isNumber()) {
                text = value.get("doubleValue").asText();
            } else {
                return "attribute values other than strings, booleans and numbers are not supported";
            }
            if (key == null || key.isEmpty()) {
                return "an attribute has no key";
            }
            into.put(safeName(key, false), text);
        }
        return null;
    }

    private static Double pointValue(final JsonNode point) {
        final JsonNode asDouble = point.get("asDouble");
        if (asDouble != null) {
            if (asDouble.isNumber()) {
                return asDouble.doubleValue();
            }
            return switch (asDouble.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        final JsonNode asInt = point.get("asInt");
        if (asInt != null && (asInt.isIntegralNumber() || asInt.isTextual())) {
            try {
                return new BigDecimal(asInt.asText()).doubleValue();
            } catch (final NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Long millis(final JsonNode nanos) {
        if (nanos == null || !(nanos.isTextual() || nanos.isIntegralNumber())) {
            return null;
        }
        final String text = nanos.asText();
        if (text.isEmpty() || text.length() > 20) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        return new BigInteger(text).divide(NANOS_PER_MILLI).longValue();
    }

    /** A Prometheus metric ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or label ({@code [a-zA-Z_][a-zA-Z0-9_]*}) name. */
    static String safeName(final String name, final boolean metric) {
        final StringBuilder out = new StringBuilder(name.length() + 1);
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            out.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || metric && c == ':';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    private static DecodeResult shape(final String detail) {
        return new DecodeResult.Rejected(LogEnvelopeDecoder.REASON_SHAPE, "not an OTLP/JSON request: " + detail);
    }
}
