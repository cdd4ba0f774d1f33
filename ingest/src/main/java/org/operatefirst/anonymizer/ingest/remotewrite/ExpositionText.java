package org.operatefirst.anonymizer.ingest.remotewrite;

import java.util.List;

/**
 * Writes a remote_write series as Prometheus text exposition lines (format 0.0.4), one line per sample:
 * {@code name{label="value",...} value timestamp}. The publisher scrubs metrics records in that format, label
 * value by label value, so a series received over remote_write is scrubbed exactly like a scraped one.
 *
 * <p>The metric name comes from the {@code __name__} label; the other labels follow in the order sent
 * (Prometheus sends them sorted by name). Label values are escaped as the format requires ({@code \\},
 * {@code \"}, {@code \n}). Values are written so that they parse back to the same double: integers without a
 * fraction, {@code NaN}, {@code +Inf}, {@code -Inf}, otherwise Java's shortest round-trip form. Prometheus' stale
 * markers are NaN values with a special bit pattern: written as {@code NaN}, they lose that meaning.
 */
public final class ExpositionText {

    /** The label that carries the metric name. */
    public static final String NAME_LABEL = "__name__";

    private static final double LONG_SAFE = 1e15;

    private ExpositionText() {
    }

    /**
     * Finds what is wrong with a series' labels for the exposition format.
     *
     * @param labels label names and values, alternating
     * @return a description of the problem that names no value, or null if the labels are fine
     */
    public static String problem(final List<String> labels) {
        boolean named = false;
        for (int i = 0; i < labels.size(); i += 2) {
            final String name = labels.get(i);
            if (NAME_LABEL.equals(name)) {
                if (named) {
                    return "the series has two metric names";
                }
                if (!isMetricName(labels.get(i + 1))) {
                    return "the metric name is empty or not a valid Prometheus metric name";
                }
                named = true;
            } else if (!isLabelName(name)) {
                return "label " + (i / 2 + 1) + " has an empty or invalid name";
            } else {
                for (int j = 0; j < i; j += 2) {
                    if (labels.get(j).equals(name)) {
                        return "label " + (i / 2 + 1) + " repeats the name of label " + (j / 2 + 1);
                    }
                }
            }
        }
        return named ? null : "the series has no " + NAME_LABEL + " label";
    }

    /**
     * Writes the series identity, {@code name{labels}}: the record key, so that one series stays on one
     * partition.
     *
     * @param labels label names and values, alternating, already checked by {@link #problem}
     * @return the identity
     */
    public static String identity(final List<String> labels) {
        final StringBuilder out = new StringBuilder(64);
        appendIdentity(out, labels);
        return out.toString();
    }

    /**
     * Writes one line per sample.
     *
     * @param labels     label names and values, alternating, already checked by {@link #problem}
     * @param timestamps the sample timestamps in milliseconds
     * @param values     the sample values
     * @return the lines, separated by {@code \n}, without a final newline
     */
    public static String lines(final List<String> labels, final long[] timestamps, final double[] values) {
        final StringBuilder identity = new StringBuilder(64);
        appendIdentity(identity, labels);
        final StringBuilder out = new StringBuilder((identity.length() + 32) * timestamps.length);
        for (int i = 0; i < timestamps.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(identity).append(' ');
            appendValue(out, values[i]);
            out.append(' ').append(timestamps[i]);
        }
        return out.toString();
    }

    private static void appendIdentity(final StringBuilder out, final List<String> labels) {
        for (int i = 0; i < labels.size(); i += 2) {
            if (NAME_LABEL.equals(labels.get(i))) {
                out.append(labels.get(i + 1));
                break;
            }
        }
        out.append('{');
        boolean first = true;
        for (int i = 0; i < labels.size(); i += 2) {
            if (NAME_LABEL.equals(labels.get(i))) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(labels.get(i)).append("=\"");
            appendEscaped(out, labels.get(i + 1));
            out.append('"');
        }
        out.append('}');
    }

    private static void appendEscaped(final StringBuilder out, final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static void appendValue(final StringBuilder out, final double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            out.append("+Inf");
        } else if (value == Double.NEGATIVE_INFINITY) {
            out.append("-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < LONG_SAFE
                && !(value == 0 && Double.doubleToRawLongBits(value) != 0)) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    /** A legacy Prometheus metric name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    static boolean isMetricName(final String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** A legacy Prometheus label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean isLabelName(final String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
