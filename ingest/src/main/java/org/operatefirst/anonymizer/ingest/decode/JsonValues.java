package org.operatefirst.anonymizer.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Strict, bounded JSON reading for decoders: one document per value, no duplicate member names, bounded nesting
 * and string length, numbers kept exactly. Thread-safe.
 */
final class JsonValues {

    /** Reason for a value that is not one JSON document. */
    static final String REASON_NOT_JSON = "not-json";

    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final int maxBytes;

    JsonValues(final int maxBytes, final int maxDepth) {
        this.maxBytes = maxBytes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxBytes)
                        .maxNumberLength(1000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** The outcome of reading a value. */
    sealed interface Read permits Parsed, Failed {
    }

    /** @param node the document */
    record Parsed(JsonNode node) implements Read {
    }

    /** @param rejected why not */
    record Failed(DecodeResult.Rejected rejected) implements Read {
    }

    Read read(final byte[] value) {
        if (value == null) {
            return new Failed(new DecodeResult.Rejected(TextDecoder.REASON_EMPTY, "the record has no value"));
        }
        if (value.length > maxBytes) {
            return new Failed(new DecodeResult.Rejected(TextDecoder.REASON_TOO_LARGE,
                    "the value has " + value.length + " bytes, more than the limit of " + maxBytes));
        }
        try (JsonParser parser = factory.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Failed(new DecodeResult.Rejected(REASON_NOT_JSON, "the value is not a JSON object"));
            }
            final JsonNode node = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                return new Failed(new DecodeResult.Rejected(REASON_NOT_JSON, "the value holds more than one "
                        + "JSON document"));
            }
            return new Parsed(node);
        } catch (final IOException | RuntimeException e) {
            return new Failed(new DecodeResult.Rejected(REASON_NOT_JSON, "the value is not valid JSON (line "
                    + lineOf(e) + ")"));
        }
    }

    String compact(final JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (final IOException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written", e);
        }
    }

    private static long lineOf(final Exception e) {
        return e instanceof JsonProcessingException json && json.getLocation() != null
                ? json.getLocation().getLineNr() : -1;
    }

    static String text(final JsonNode node, final String... path) {
        JsonNode current = node;
        for (final String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current != null && current.isTextual() ? current.textValue() : null;
    }
}
