package org.operatefirst.anonymizer.publisher.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One sample line of the Prometheus text exposition format, {@code name{label="value",...} value [timestamp]},
 * read by a hand-written single pass (no backtracking regex on record data).
 *
 * @param metric    the metric name
 * @param labels    the labels, in order
 * @param value     the sample value
 * @param timestamp the sample's timestamp in milliseconds, or null
 */
record ExpositionLine(String metric, Map<String, String> labels, double value, Long timestamp) {

    /**
     * Reads a line.
     *
     * @param line one line, without its line break
     * @return the sample, or empty for anything else (comments, blank lines, JSON, malformed text)
     */
    static Optional<ExpositionLine> parse(final String line) {
        final String text = line.strip();
        int i = 0;
        final int n = text.length();
        while (i < n && isNameChar(text.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return Optional.empty();
        }
        final String metric = text.substring(0, i);
        final Map<String, String> labels = new LinkedHashMap<>();
        if (i < n && text.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                    i++;
                }
                if (i < n && text.charAt(i) == '}') {
                    i++;
                    break;
                }
                final int nameStart = i;
                while (i < n && isNameChar(text.charAt(i), i == nameStart) && text.charAt(i) != ':') {
                    i++;
                }
                if (i == nameStart || i + 1 >= n || text.charAt(i) != '=' || text.charAt(i + 1) != '"') {
                    return Optional.empty();
                }
                final String name = text.substring(nameStart, i);
                i += 2;
                final StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    final char c = text.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < n) {
                        final char escaped = text.charAt(i++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
                labels.put(name, value.toString());
            }
        }
        final String[] rest = fields(text.substring(i));
        if (rest.length < 1 || rest.length > 2) {
            return Optional.empty();
        }
        try {
            final double value = parseValue(rest[0]);
            final Long timestamp = rest.length == 2 ? Long.valueOf(rest[1]) : null;
            return Optional.of(new ExpositionLine(metric, labels, value, timestamp));
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The space-separated fields of the rest of a line: at most three, more makes the line invalid. */
    private static String[] fields(final String rest) {
        final java.util.List<String> fields = new java.util.ArrayList<>(2);
        int i = 0;
        while (i < rest.length() && fields.size() < 3) {
            while (i < rest.length() && rest.charAt(i) == ' ') {
                i++;
            }
            final int start = i;
            while (i < rest.length() && rest.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                fields.add(rest.substring(start, i));
            }
        }
        return fields.toArray(new String[0]);
    }

    private static double parseValue(final String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static boolean isNameChar(final char c, final boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }
}
