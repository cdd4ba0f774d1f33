package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Percent-decoding (RFC 3986) of one layer, strict: a malformed escape or non-UTF-8 result is an error. */
final class PercentEncoding {

    private PercentEncoding() {
    }

    /**
     * Decodes every layer of percent-encoding, at most 8, stopping at a malformed one.
     *
     * @param text text that may hold {@code %XX} escapes
     * @return the decoded text
     */
    static String decodeFully(final String text) {
        String decoded = text;
        for (int depth = 0; depth < 8 && decoded.indexOf('%') >= 0; depth++) {
            final Optional<String> layer = decode(decoded);
            if (layer.isEmpty()) {
                break;
            }
            decoded = layer.get();
        }
        return decoded;
    }

    /**
     * Decodes one layer of percent-encoding.
     *
     * @param text text that may hold {@code %XX} escapes
     * @return the decoded text, or empty if an escape is malformed or the bytes are not UTF-8
     */
    static Optional<String> decode(final String text) {
        if (text.indexOf('%') < 0) {
            return Optional.of(text);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                final int high = Character.digit(text.charAt(i + 1), 16);
                final int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                final byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (final CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
