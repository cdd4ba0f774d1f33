package org.operatefirst.anonymizer.ingest.receive;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The receiver of log lines: one record per line.
 *
 * <ul>
 *   <li>{@code text/plain}: UTF-8 text, one log line per {@code \n} (a {@code \r} before it is dropped); empty
 *       lines are skipped. The record key is the request's stream name, if it gave one.</li>
 *   <li>{@code application/x-ndjson} (also {@code application/jsonl} and {@code application/json}): one JSON
 *       object per line, or a JSON array of objects, as Vector's and Fluent Bit's HTTP outputs send them. The
 *       record key is the pod, {@code namespace/pod}, from Vector's {@code kubernetes.pod_namespace} and
 *       {@code kubernetes.pod_name} or Fluent Bit's and OpenShift Logging's {@code kubernetes.namespace_name}
 *       and {@code kubernetes.pod_name}, so that one pod's lines stay in order on one partition; without them,
 *       the stream name.</li>
 * </ul>
 * Thread-safe.
 */
public final class LogLines {

    private final Limits limits;
    private final JsonDocuments documents;

    /**
     * Creates the receiver.
     *
     * @param limits the bounds
     */
    public LogLines(final Limits limits) {
        this.limits = limits;
        this.documents = new JsonDocuments(limits);
    }

    /**
     * Turns a request body into records.
     *
     * @param body      the decoded body
     * @param mediaType the request's media type, lower case without parameters
     * @param stream    the stream name the collector gave ({@code ?stream=}), or null
     * @return one record per line or JSON object, or a refusal (415 for other media types)
     */
    public Received receive(final byte[] body, final String mediaType, final String stream) {
        return switch (mediaType) {
            case "text/plain" -> lines(body, stream);
            case "application/x-ndjson", "application/jsonl", "application/json", "application/x-jsonlines" ->
                    documents.split(body, node -> shape(node, stream));
            default -> new Received.Refused(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                    + ContentEncoding.printable(mediaType) + "' is not supported here: use text/plain or "
                    + "application/x-ndjson");
        };
    }

    private Received lines(final byte[] body, final String stream) {
        final Received.Refused notText = requireUtf8(body);
        if (notText != null) {
            return notText;
        }
        final byte[] key = stream == null ? null : stream.getBytes(StandardCharsets.UTF_8);
        final List<RawRecord> records = new ArrayList<>();
        int start = 0;
        int line = 1;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            final int next = end + 1;
            if (end > start && body[end - 1] == '\r') {
                end--;
            }
            if (end > start) {
                if (end - start > limits.maxRecordBytes()) {
                    return Received.badRequest(ErrorCodes.RECORD_TOO_LARGE, "line " + line + " has "
                            + (end - start) + " bytes, more than the record limit of " + limits.maxRecordBytes());
                }
                if (records.size() == limits.maxRecords()) {
                    return new Received.Refused(413, ErrorCodes.TOO_MANY_RECORDS,
                            "the body holds more than " + limits.maxRecords() + " lines");
                }
                records.add(new RawRecord(key, Arrays.copyOfRange(body, start, end), RawRecord.TEXT));
            }
            start = next;
            line++;
        }
        if (records.isEmpty()) {
            return Received.badRequest(ErrorCodes.EMPTY, "the body holds no log line");
        }
        return new Received.Records(records);
    }

    /** Refuses text that is not strict UTF-8, naming the line, since a replaced byte could hide an identifier. */
    private static Received.Refused requireUtf8(final byte[] body) {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(body);
        final CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            final CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int line = 1;
                for (int i = 0; i < in.position(); i++) {
                    if (body[i] == '\n') {
                        line++;
                    }
                }
                return Received.badRequest(ErrorCodes.NOT_UTF8, "line " + line + " is not valid UTF-8");
            }
            if (result.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }

    private static JsonDocuments.Outcome shape(final JsonNode node, final String stream) {
        if (!node.isObject()) {
            return new JsonDocuments.Reject(ErrorCodes.BAD_JSON, "a log record must be a JSON object");
        }
        final String pod = JsonDocuments.text(node, "kubernetes", "pod_name");
        String namespace = JsonDocuments.text(node, "kubernetes", "pod_namespace");
        if (namespace == null) {
            namespace = JsonDocuments.text(node, "kubernetes", "namespace_name");
        }
        final String key = pod != null ? (namespace == null ? "" : namespace) + "/" + pod : stream;
        return new JsonDocuments.Accept(List.of(new JsonDocuments.Keyed(node, key)));
    }
}
