package org.operatefirst.anonymizer.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes the JSON envelopes log shippers write into Kafka, one log line per record, and checks that a record
 * has the shape of the collector the topic is configured for. The text given back is the whole envelope as
 * compact JSON on one line (members in their order, numbers exact): every field of it, not just the message,
 * reaches the scrubbers, since pod names, labels and host addresses are personal data as much as the message.
 *
 * <p>The fields each shape requires, and nothing else is read:
 * <ul>
 *   <li>{@link Shape#VECTOR} (Vector's {@code kubernetes_logs} source, {@code json} codec): {@code message}
 *       (string), {@code kubernetes.pod_namespace} and {@code kubernetes.pod_name} (strings), and
 *       {@code source_type}, if present, {@code kubernetes_logs};</li>
 *   <li>{@link Shape#FLUENT_BIT} (Fluent Bit's {@code kafka} output after the {@code kubernetes} filter):
 *       {@code log} (string) and {@code kubernetes.namespace_name} and {@code kubernetes.pod_name};</li>
 *   <li>{@link Shape#VIAQ} (OpenShift Logging's ViaQ data model, from a {@code ClusterLogForwarder} Kafka
 *       output): {@code @timestamp} and {@code message} (strings) and {@code log_type} one of
 *       {@code application}, {@code infrastructure}, {@code audit}.</li>
 * </ul>
 * A value that lacks them is rejected with {@value #REASON_SHAPE} and the first missing field. Thread-safe.
 */
public final class LogEnvelopeDecoder implements RecordDecoder {

    /** Reason for a JSON value that is not the configured collector's envelope. */
    public static final String REASON_SHAPE = "unexpected-shape";

    private static final Set<String> VIAQ_LOG_TYPES = Set.of("application", "infrastructure", "audit");

    /** The collectors whose envelopes this decoder reads. */
    public enum Shape {
        /** Vector {@code kubernetes_logs}. */
        VECTOR,
        /** Fluent Bit with the {@code kubernetes} filter. */
        FLUENT_BIT,
        /** OpenShift Logging (ViaQ). */
        VIAQ
    }

    private final Shape shape;
    private final JsonValues json;

    /**
     * Creates a decoder.
     *
     * @param shape    the collector whose envelopes the topic holds
     * @param maxBytes the largest value accepted
     * @param maxDepth the deepest JSON nesting accepted
     */
    public LogEnvelopeDecoder(final Shape shape, final int maxBytes, final int maxDepth) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.json = new JsonValues(maxBytes, maxDepth);
    }

    @Override
    public DecodeResult decode(final byte[] value) {
        return switch (json.read(value)) {
            case JsonValues.Failed failed -> failed.rejected();
            case JsonValues.Parsed parsed -> {
                final String missing = missing(parsed.node());
                yield missing == null ? new DecodeResult.Decoded(json.compact(parsed.node()))
                        : new DecodeResult.Rejected(REASON_SHAPE, "not a " + shape + " log record: " + missing);
            }
        };
    }

    private String missing(final JsonNode node) {
        return switch (shape) {
            case VECTOR -> {
                final String sourceType = JsonValues.text(node, "source_type");
                if (node.has("source_type") && !"kubernetes_logs".equals(sourceType)) {
                    yield "source_type is not kubernetes_logs";
                }
                yield firstMissing(node, new String[] {"message"}, new String[] {"kubernetes", "pod_namespace"},
                        new String[] {"kubernetes", "pod_name"});
            }
            case FLUENT_BIT -> firstMissing(node, new String[] {"log"},
                    new String[] {"kubernetes", "namespace_name"}, new String[] {"kubernetes", "pod_name"});
            case VIAQ -> {
                final String missing = firstMissing(node, new String[] {"@timestamp"}, new String[] {"message"},
                        new String[] {"log_type"});
                if (missing != null) {
                    yield missing;
                }
                yield VIAQ_LOG_TYPES.contains(JsonValues.text(node, "log_type")) ? null
                        : "log_type is not application, infrastructure or audit";
            }
        };
    }

    private static String firstMissing(final JsonNode node, final String[]... paths) {
        for (final String[] path : paths) {
            if (JsonValues.text(node, path) == null) {
                return String.join(".", path) + " is missing or not a string";
            }
        }
        return null;
    }
}
