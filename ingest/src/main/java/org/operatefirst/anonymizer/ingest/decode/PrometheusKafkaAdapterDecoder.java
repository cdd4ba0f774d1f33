package org.operatefirst.anonymizer.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.operatefirst.anonymizer.ingest.remotewrite.ExpositionText;

/**
 * Decodes the JSON that prometheus-kafka-adapter writes, one sample per record, into one Prometheus exposition
 * line, {@code name{labels} value timestamp}, which the metrics scrubber reads label value by label value.
 *
 * <p>Reads {@code name} (string), {@code labels} (an object of strings; {@code __name__}, if present, must
 * equal {@code name}), {@code value} (a string: a decimal number, {@code NaN}, {@code +Inf} or {@code -Inf}) and
 * {@code timestamp} (RFC 3339, written in milliseconds). Other members are ignored. Anything else is rejected
 * with {@value LogEnvelopeDecoder#REASON_SHAPE}. Thread-safe.
 */
public final class PrometheusKafkaAdapterDecoder implements RecordDecoder {

    private final JsonValues json;

    /**
     * Creates a decoder.
     *
     * @param maxBytes the largest value accepted
     */
    public PrometheusKafkaAdapterDecoder(final int maxBytes) {
        this.json = new JsonValues(maxBytes, 4);
    }

    @Override
    public DecodeResult decode(final byte[] value) {
        return switch (json.read(value)) {
            case JsonValues.Failed failed -> failed.rejected();
            case JsonValues.Parsed parsed -> line(parsed.node());
        };
    }

    private static DecodeResult line(final JsonNode node) {
        final String name = JsonValues.text(node, "name");
        final String value = JsonValues.text(node, "value");
        final String timestamp = JsonValues.text(node, "timestamp");
        final JsonNode labels = node.get("labels");
        if (name == null || value == null || timestamp == null || labels == null || !labels.isObject()) {
            return shape("name, value and timestamp must be strings and labels an object");
        }
        final List<String> pairs = new ArrayList<>();
        pairs.add(ExpositionText.NAME_LABEL);
        pairs.add(name);
        for (final Map.Entry<String, JsonNode> label : labels.properties()) {
            if (!label.getValue().isTextual()) {
                return shape("label values must be strings");
            }
            if (ExpositionText.NAME_LABEL.equals(label.getKey())) {
                if (!name.equals(label.getValue().textValue())) {
                    return shape("labels.__name__ differs from name");
                }
                continue;
            }
            pairs.add(label.getKey());
            pairs.add(label.getValue().textValue());
        }
        final String problem = ExpositionText.problem(pairs);
        if (problem != null) {
            return shape(problem);
        }
        final Double number = number(value);
        if (number == null) {
            return shape("value is not a number");
        }
        final long millis;
        try {
            millis = Instant.parse(timestamp).toEpochMilli();
        } catch (final DateTimeParseException | ArithmeticException e) {
            return shape("timestamp is not RFC 3339");
        }
        return new DecodeResult.Decoded(ExpositionText.lines(pairs, new long[] {millis}, new double[] {number}));
    }

    /** Parses Go's float formatting; refuses Java's extras (hex floats, type suffixes, "Infinity"). */
    static Double number(final String text) {
        switch (text) {
            case "NaN" -> {
                return Double.NaN;
            }
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (text.isEmpty() || text.length() > 64) {
                    return null;
                }
                for (int i = 0; i < text.length(); i++) {
                    final char c = text.charAt(i);
                    if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                        return null;
                    }
                }
                try {
                    return Double.parseDouble(text);
                } catch (final NumberFormatException e) {
                    return null;
                }
            }
        }
    }

    private static DecodeResult shape(final String detail) {
        return new DecodeResult.Rejected(LogEnvelopeDecoder.REASON_SHAPE,
                "not a prometheus-kafka-adapter sample: " + detail);
    }
}
