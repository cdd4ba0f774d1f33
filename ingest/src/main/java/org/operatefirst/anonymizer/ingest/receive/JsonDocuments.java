package org.operatefirst.anonymizer.ingest.receive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Splits a JSON body into documents and makes one record of each: the body may be one document, several
 * documents one after another (NDJSON, one per line), or a JSON array of documents. Each accepted document is
 * written back compactly, on one line, with its members in their original order and its numbers exactly as
 * written; string escapes are normalized, which changes no value.
 *
 * <p>Strict and bounded: duplicate member names are refused (two readers of the record could see different
 * values, and a scrubber could rewrite the one that is not used), and so are nesting deeper than
 * {@link Limits#maxJsonDepth()}, strings longer than a record, more documents than
 * {@link Limits#maxRecords()} and documents larger than {@link Limits#maxRecordBytes()}. Errors name the line
 * and the document's number, never its content. Thread-safe.
 */
public final class JsonDocuments {

    private final Limits limits;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    /**
     * Creates a splitter.
     *
     * @param limits the bounds
     */
    public JsonDocuments(final Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(limits.maxRecordBytes())
                        .maxNumberLength(1000)
                        .maxNameLength(Math.min(limits.maxRecordBytes(), 50_000))
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** What a shape makes of one document. */
    public sealed interface Outcome permits Accept, Reject {
    }

    /**
     * The document is accepted as these records (usually one; a list of Kubernetes Events gives one per item).
     *
     * @param documents the documents to produce, each with its key
     */
    public record Accept(List<Keyed> documents) implements Outcome {
        /** Copies the list. */
        public Accept {
            documents = List.copyOf(documents);
        }
    }

    /**
     * The document is valid JSON but not of the expected shape.
     *
     * @param error  the error code
     * @param detail what is missing or wrong, never quoting values
     */
    public record Reject(String error, String detail) implements Outcome {
    }

    /**
     * A document to produce.
     *
     * @param document the JSON document
     * @param key      its record key, or null
     */
    public record Keyed(JsonNode document, String key) {
    }

    /**
     * Splits a body and checks each document's shape.
     *
     * @param body  the decoded body
     * @param shape what to make of one document; it must not throw
     * @return the records, or the first refusal
     */
    public Received split(final byte[] body, final Function<JsonNode, Outcome> shape) {
        final List<RawRecord> records = new ArrayList<>();
        int index = 0;
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (token == null) {
                            return Received.badRequest(ErrorCodes.BAD_JSON, "the body ends inside an array");
                        }
                        final Received.Refused refused = add(records, parser, index, shape);
                        if (refused != null) {
                            return refused;
                        }
                        index++;
                    }
                } else {
                    final Received.Refused refused = add(records, parser, index, shape);
                    if (refused != null) {
                        return refused;
                    }
                    index++;
                }
            }
        } catch (final StreamConstraintsException e) {
            return Received.badRequest(ErrorCodes.BAD_JSON, "document " + (index + 1)
                    + " exceeds a JSON limit (nesting depth " + limits.maxJsonDepth() + ", string length "
                    + limits.maxRecordBytes() + ")");
        } catch (final JsonProcessingException e) {
            return Received.badRequest(ErrorCodes.BAD_JSON, "invalid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + " (document " + (index + 1) + "): " + reason(e));
        } catch (final IOException | RuntimeException e) {
            return Received.badRequest(ErrorCodes.BAD_JSON, "invalid JSON in document " + (index + 1));
        }
        if (records.isEmpty()) {
            return Received.badRequest(ErrorCodes.EMPTY, "the body holds no JSON document");
        }
        return new Received.Records(records);
    }

    private Received.Refused add(final List<RawRecord> records, final JsonParser parser, final int index,
            final Function<JsonNode, Outcome> shape) throws IOException {
        final long line = parser.currentTokenLocation().getLineNr();
        final JsonNode node = mapper.readTree(parser);
        final String where = "document " + (index + 1) + " (line " + line + ")";
        switch (shape.apply(node)) {
            case Reject reject -> {
                return Received.badRequest(reject.error(), where + ": " + reject.detail());
            }
            case Accept accept -> {
                for (final Keyed keyed : accept.documents()) {
                    if (records.size() == limits.maxRecords()) {
                        return new Received.Refused(413, ErrorCodes.TOO_MANY_RECORDS,
                                "the body holds more than " + limits.maxRecords() + " records");
                    }
                    final byte[] value = mapper.writeValueAsBytes(keyed.document());
                    if (value.length > limits.maxRecordBytes()) {
                        return Received.badRequest(ErrorCodes.RECORD_TOO_LARGE, where + " has " + value.length
                                + " bytes, more than the record limit of " + limits.maxRecordBytes());
                    }
                    final byte[] key = keyed.key() == null ? null : keyed.key().getBytes(StandardCharsets.UTF_8);
                    records.add(new RawRecord(key, value, RawRecord.JSON));
                }
                return null;
            }
        }
    }

    /** The parser's message without the excerpt of the input that Jackson appends. */
    private static String reason(final JsonProcessingException e) {
        final String message = e.getOriginalMessage();
        if (message == null) {
            return "malformed";
        }
        // Jackson quotes the offending token ("Unrecognized token 'jdoe'"): keep only what precedes a quote.
        final int quote = indexOfQuote(message);
        final String cut = quote < 0 ? message : message.substring(0, quote).trim();
        final int newline = cut.indexOf('\n');
        return newline < 0 ? cut : cut.substring(0, newline);
    }

    private static int indexOfQuote(final String message) {
        for (int i = 0; i < message.length(); i++) {
            final char c = message.charAt(i);
            if (c == '\'' || c == '"' || c == '(') {
                return i;
            }
        }
        return -1;
    }

    /**
     * A text member of an object, or null if absent or not text.
     *
     * @param node  the object
     * @param names the path of member names
     * @return the text, or null
     */
    public static String text(final JsonNode node, final String... names) {
        JsonNode current = node;
        for (final String name : names) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current != null && current.isTextual() ? current.textValue() : null;
    }
}
