package org.operatefirst.anonymizer.ingest.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes raw record values that are UTF-8 text: a log line as rsyslog {@code omkafka} writes it, a JSON
 * document as a log shipper writes it, or a block of Prometheus exposition text. Strict: malformed UTF-8 is
 * rejected rather than replaced, because a replacement character could split an identifier and hide it from the
 * detectors. Thread-safe.
 */
public final class TextDecoder implements RecordDecoder {

    /** Reason for a value that is absent (a tombstone). */
    public static final String REASON_EMPTY = "empty-value";
    /** Reason for a value over the size limit. */
    public static final String REASON_TOO_LARGE = "too-large";
    /** Reason for a value that is not valid UTF-8. */
    public static final String REASON_NOT_UTF8 = "not-utf8";

    private static final char REPLACEMENT = '\uFFFD';

    private final int maxBytes;

    /**
     * Creates a decoder.
     *
     * @param maxBytes the largest value accepted, in bytes
     */
    public TextDecoder(final int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Decodes one value. Never throws.
     *
     * @param value the raw bytes, possibly {@code null}
     * @return the text without one trailing {@code \n} or {@code \r\n}, or the reason it was rejected
     */
    @Override
    public DecodeResult decode(final byte[] value) {
        if (value == null) {
            return new DecodeResult.Rejected(REASON_EMPTY, "the record has no value");
        }
        if (value.length > maxBytes) {
            return new DecodeResult.Rejected(REASON_TOO_LARGE,
                    "the value has " + value.length + " bytes, more than the limit of " + maxBytes);
        }
        final int length = contentLength(value);
        // The JDK's lenient decoding is much faster (intrinsic for ASCII) and agrees with the strict one on valid
        // UTF-8; malformed input always yields a replacement character, so only then is the strict decoder asked.
        final String lenient = new String(value, 0, length, StandardCharsets.UTF_8);
        if (lenient.indexOf(REPLACEMENT) < 0) {
            return new DecodeResult.Decoded(lenient);
        }
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(value, 0, length));
        } catch (final CharacterCodingException e) {
            return new DecodeResult.Rejected(REASON_NOT_UTF8, "the value is not valid UTF-8");
        }
        return new DecodeResult.Decoded(chars.toString());
    }

    private static int contentLength(final byte[] value) {
        int length = value.length;
        if (length > 0 && value[length - 1] == '\n') {
            length--;
            if (length > 0 && value[length - 1] == '\r') {
                length--;
            }
        }
        return length;
    }
}
