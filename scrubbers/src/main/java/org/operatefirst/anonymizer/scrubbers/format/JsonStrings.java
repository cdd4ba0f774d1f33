package org.operatefirst.anonymizer.scrubbers.format;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Raw JSON strings in a document the parser has already accepted: where one ends, and how to write one. */
final class JsonStrings {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonStrings() {
    }

    /**
     * The position after the closing quote of the string that opens at {@code openingQuote}. The document is valid
     * JSON, so the string is closed; reads each character of the string once.
     *
     * @param json         the document
     * @param openingQuote the position of the string's opening quote
     * @return the position after its closing quote
     */
    static int end(final String json, final int openingQuote) {
        int i = openingQuote + 1;
        while (true) {
            final char c = json.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
    }

    /**
     * Appends a value as a JSON string: quoted, with {@code "}, {@code \} and control characters escaped, every
     * other character as it is.
     *
     * @param value the value
     * @param out   where to append it
     */
    static void append(final String value, final StringBuilder out) {
        out.append('"');
        ENCODER.quoteAsString(value, out);
        out.append('"');
    }
}
