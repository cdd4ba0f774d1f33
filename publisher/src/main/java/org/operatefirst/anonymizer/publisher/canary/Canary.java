package org.operatefirst.anonymizer.publisher.canary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.operatefirst.anonymizer.ingest.decode.Decoders;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;

/**
 * One synthetic identity, written into a raw log record: a fictional user's email address (in the reserved
 * {@code example.org} domain), the escaped pod name KubeSpawner would give that user, and an address from the
 * documentation range 192.0.2.0/24. None may ever appear as written in a sanitized or public record.
 *
 * @param id the canary's identifier, which survives scrubbing: {@code anonymizer-canary-<run>-<sequence>}
 * @param sequence the canary's number in this run
 */
record Canary(String id, long sequence) {

    /** What every canary line and id starts with, so canaries can be told by their text as well as their header. */
    static final String MARKER = "anonymizer-canary";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * The canary of a run and sequence number.
     *
     * @param run      a random identifier of this service instance's run
     * @param sequence the canary's number
     * @return the canary
     */
    static Canary of(final String run, final long sequence) {
        return new Canary(MARKER + "-" + run + "-" + sequence, sequence);
    }

    /** The fictional user's email address. */
    String email() {
        return "canary." + id.substring(MARKER.length() + 1) + "@example.org";
    }

    /** An address of the documentation range that varies with the sequence number. */
    String address() {
        return "192.0.2." + (1 + sequence % 254);
    }

    /** The pod name KubeSpawner would give the user. */
    String pod() {
        return "jupyterhub-nb-" + KubeSpawnerEscape.escape(email());
    }

    /** The raw log line, shaped like a JupyterHub log line. */
    String record() {
        return MARKER + " " + id + ": [I JupyterHub log:189] 200 GET /hub/spawn-pending/" + email() + " ("
                + email() + "@" + address() + ") pod " + pod();
    }

    /**
     * The raw record in the shape a decoder reads: the {@link #record() line} as it is for {@code text} and
     * {@code exposition}, or as the message of the envelope a collector of that format writes (its Kubernetes
     * metadata naming {@code namespace} and the canary's pod), or, for the metrics formats, as a label of one
     * sample. Every decoder of {@link Decoders#NAMES} has a shape, and each decodes it to text that holds the
     * canary's id and identities, so the canary is scrubbed instead of quarantined whatever {@code raw.logs} is
     * configured to hold.
     *
     * @param decoder   the name of the logs decoder ({@code anonymizer.decoders.logs}), any case
     * @param namespace the namespace the envelope names
     * @param at        when the canary is written, for the envelopes' time stamps
     * @return the record value, as text
     * @throws IllegalArgumentException for a name that is not one of {@link Decoders#NAMES}
     */
    String value(final String decoder, final String namespace, final Instant at) {
        final ObjectNode json = JSON.objectNode();
        switch (decoder.toLowerCase(Locale.ROOT)) {
            case "text", "exposition" -> {
                return record();
            }
            case "vector" -> {
                json.put("message", record());
                json.putObject("kubernetes").put("pod_namespace", namespace).put("pod_name", pod())
                        .put("container_name", "canary");
                json.put("source_type", "kubernetes_logs").put("stream", "stdout").put("timestamp", at.toString());
            }
            case "fluent-bit" -> {
                json.put("log", record()).put("stream", "stdout").put("time", at.toString());
                json.putObject("kubernetes").put("namespace_name", namespace).put("pod_name", pod())
                        .put("container_name", "canary");
            }
            case "viaq" -> {
                json.put("@timestamp", at.toString()).put("message", record()).put("log_type", "application")
                        .put("level", "info");
                json.putObject("kubernetes").put("namespace_name", namespace).put("pod_name", pod())
                        .put("container_name", "canary");
            }
            case "otlp-json-logs" -> {
                final ObjectNode resource = json.putArray("resourceLogs").addObject();
                attributes(resource.putObject("resource"), "k8s.namespace.name", namespace, "k8s.pod.name", pod());
                final ObjectNode scope = resource.putArray("scopeLogs").addObject();
                scope.putObject("scope").put("name", MARKER);
                final ObjectNode log = scope.putArray("logRecords").addObject();
                log.put("timeUnixNano", nanos(at)).put("severityText", "INFO");
                log.putObject("body").put("stringValue", record());
            }
            case "otlp-json-metrics" -> {
                final ObjectNode resource = json.putArray("resourceMetrics").addObject();
                attributes(resource.putObject("resource"), "namespace", namespace, "pod", pod());
                final ObjectNode metric = resource.putArray("scopeMetrics").addObject().putArray("metrics")
                        .addObject().put("name", "anonymizer_canary");
                final ObjectNode point = metric.putObject("gauge").putArray("dataPoints").addObject();
                attributes(point, "message", record());
                point.put("timeUnixNano", nanos(at)).put("asInt", "1");
            }
            case "prometheus-kafka-adapter" -> {
                json.put("name", "anonymizer_canary").put("value", "1").put("timestamp",
                        Instant.ofEpochMilli(at.toEpochMilli()).toString());
                json.putObject("labels").put("__name__", "anonymizer_canary").put("namespace", namespace)
                        .put("pod", pod()).put("message", record());
            }
            default -> throw new IllegalArgumentException("unknown decoder '" + decoder + "': use one of "
                    + Decoders.NAMES);
        }
        return json.toString();
    }

    /** Adds OTLP string attributes, given as key, value, key, value... */
    private static void attributes(final ObjectNode holder, final String... pairs) {
        final ArrayNode attributes = holder.putArray("attributes");
        for (int i = 0; i < pairs.length; i += 2) {
            final ObjectNode attribute = attributes.addObject().put("key", pairs[i]);
            attribute.putObject("value").put("stringValue", pairs[i + 1]);
        }
    }

    private static String nanos(final Instant at) {
        return Long.toString(at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }

    /** Every identifier of the canary as written, and its percent-encoded form: none may appear downstream. */
    List<String> identifiers() {
        return List.of(email(), email().replace("@", "%40"), address(), pod());
    }
}
