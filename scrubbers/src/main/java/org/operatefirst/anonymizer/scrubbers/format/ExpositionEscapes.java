package org.operatefirst.anonymizer.scrubbers.format;

/**
 * The escaping of label values and HELP docstrings in exposition text: {@code \\} for a backslash, {@code \"} for a
 * double quote, {@code \n} for a line feed, and nothing else. OpenMetrics 1.0 tolerates a backslash before any other
 * character; the Prometheus text format 0.0.4 parser rejects it, and so does this class, so that every accepted
 * value has exactly one escaped form and writing a value back reproduces its input.
 */
final class ExpositionEscapes {

    private ExpositionEscapes() {
    }

    /**
     * Where the escaped string that starts at {@code from} ends: at the first double quote that is not escaped.
     *
     * @param text the text
     * @param from the first character of the string, after its opening quote
     * @param to   the end of the line
     * @return the index of the closing quote; -1 if there is none before {@code to}, or -2 if a backslash starts
     *         anything but {@code \\}, {@code \"} or {@code \n}
     */
    static int closingQuote(final String text, final int from, final int to) {
        int i = from;
        while (i < to) {
            final char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                if (i + 1 == to) {
                    return -1;
                }
                if (!isEscapable(text.charAt(i + 1))) {
                    return -2;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Checks the escapes of a HELP docstring, which runs to the end of its line and may hold unescaped quotes.
     *
     * @param text the text
     * @param from the first character of the docstring
     * @param to   the end of the line
     * @return -1 if every escape is valid, else the index of the first invalid backslash
     */
    static int invalidEscape(final String text, final int from, final int to) {
        int i = from;
        while (i < to) {
            if (text.charAt(i) == '\\') {
                if (i + 1 == to || !isEscapable(text.charAt(i + 1))) {
                    return i;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Decodes a checked escaped string.
     *
     * @param text the text
     * @param from the first character
     * @param to   after the last character
     * @return the decoded string
     */
    static String unescape(final String text, final int from, final int to) {
        // Not indexOf: it would read past the value to the end of the record, for every value.
        int backslash = from;
        while (backslash < to && text.charAt(backslash) != '\\') {
            backslash++;
        }
        if (backslash == to) {
            return text.substring(from, to);
        }
        final StringBuilder out = new StringBuilder(to - from);
        out.append(text, from, backslash);
        int i = backslash;
        while (i < to) {
            final char c = text.charAt(i);
            if (c == '\\') {
                final char next = text.charAt(i + 1);
                out.append(next == 'n' ? '\n' : next);
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Whether a checked escaped string holds an escaped double quote.
     *
     * @param text the text
     * @param from the first character
     * @param to   after the last character
     * @return true if {@code \"} occurs
     */
    static boolean hasEscapedQuote(final String text, final int from, final int to) {
        int i = from;
        while (i < to) {
            if (text.charAt(i) == '\\') {
                if (text.charAt(i + 1) == '"') {
                    return true;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * Escapes a string.
     *
     * @param value        the decoded string
     * @param escapeQuotes whether to escape double quotes: always in a label value; in a HELP docstring only if
     *                     the input escaped them (OpenMetrics does, the 0.0.4 format need not)
     * @param out          where the escaped string is appended
     */
    static void escape(final String value, final boolean escapeQuotes, final StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(escapeQuotes ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    private static boolean isEscapable(final char c) {
        return c == '\\' || c == '"' || c == 'n';
    }
}
