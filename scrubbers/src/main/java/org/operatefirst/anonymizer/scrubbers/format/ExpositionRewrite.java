package org.operatefirst.anonymizer.scrubbers.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * One pass over one record of exposition text: reads it line by line, left to right, and copies it to the output,
 * replacing only the label values, HELP docstrings and comments that scrubbing changes. Everything else is copied
 * from the input, so the output differs from the input exactly where something was rewritten. Each character is
 * read a bounded number of times. Not thread-safe: one per record.
 */
final class ExpositionRewrite {

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped",
            "unknown", "gaugehistogram", "stateset", "info");
    private static final Comparator<Label> BY_NAME = Comparator.comparing(Label::name);

    private final String text;
    private final TextRewriter rewriter;
    private final FindingCounter counter;
    private final Set<String> usernameLabels;

    /** The output, created at the first change; until then the output is the input. */
    private StringBuilder out;
    /** How much of the input {@link #out} already stands for. */
    private int copied;
    /** Each scrubbed series seen so far, and the input series it came from. */
    private final Map<String, String> seriesOrigins = new HashMap<>();

    private int lineNumber;
    /** The scan position in the current line. */
    private int pos;
    /** The end of the current line's content, before its {@code \n} or {@code \r\n}. */
    private int end;

    /** A label of a series: its name, its value as read, and its value as written. */
    private record Label(String name, String input, String output) {
    }

    /**
     * Prepares the pass over one record.
     *
     * @param text           the record
     * @param rewriter       rewrites label values and free text
     * @param counter        counts what was rewritten
     * @param usernameLabels label names (lower case) whose whole value is a user name
     */
    ExpositionRewrite(final String text, final TextRewriter rewriter, final FindingCounter counter,
            final Set<String> usernameLabels) {
        this.text = text;
        this.rewriter = rewriter;
        this.counter = counter;
        this.usernameLabels = usernameLabels;
    }

    /**
     * Scrubs the record.
     *
     * @return the scrubbed record; the input itself if nothing changed
     * @throws UnrewritableException if the record is not exposition text, a finding cannot be rewritten, or two
     *         series would become one
     */
    String run() {
        final int length = text.length();
        int start = 0;
        while (start < length) {
            lineNumber++;
            final int newline = text.indexOf('\n', start);
            final int lineEnd = newline < 0 ? length : newline;
            end = lineEnd > start && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (end - start > PrometheusTextFormat.MAX_LINE_LENGTH) {
                throw malformed("longer than " + PrometheusTextFormat.MAX_LINE_LENGTH + " characters");
            }
            pos = start;
            line();
            start = lineEnd + 1;
        }
        if (out == null) {
            return text;
        }
        out.append(text, copied, length);
        return out.toString();
    }

    private void line() {
        skipBlanks();
        if (pos == end) {
            return;
        }
        if (text.charAt(pos) == '#') {
            comment();
        } else {
            sample();
        }
    }

    private void comment() {
        final int afterHash = ++pos;
        skipBlanks();
        final int keyword = pos;
        while (pos < end && !isBlank(text.charAt(pos))) {
            pos++;
        }
        if (keywordIs(keyword, "HELP")) {
            help();
        } else if (keywordIs(keyword, "TYPE")) {
            type();
        } else if (keywordIs(keyword, "UNIT")) {
            unit();
        } else if (keywordIs(keyword, "EOF") && restIsBlank()) {
            pos = end;
        } else {
            // Any other comment is free text.
            final String comment = text.substring(afterHash, end);
            final String scrubbed = rewriter.rewrite(comment, counter);
            if (!scrubbed.equals(comment)) {
                replace(afterHash, end).append(scrubbed);
            }
        }
    }

    private boolean keywordIs(final int start, final String keyword) {
        return pos - start == keyword.length() && text.startsWith(keyword, start);
    }

    private void help() {
        metadataName("HELP");
        if (pos == end) {
            return;
        }
        if (!isBlank(text.charAt(pos))) {
            throw malformed("expected a blank after the metric name of a HELP line");
        }
        skipBlanks();
        final int from = pos;
        if (ExpositionEscapes.invalidEscape(text, from, end) >= 0) {
            throw malformed("invalid escape sequence in a HELP line");
        }
        final String docstring = ExpositionEscapes.unescape(text, from, end);
        final String scrubbed = rewriter.rewrite(docstring, counter);
        if (!scrubbed.equals(docstring)) {
            ExpositionEscapes.escape(scrubbed, ExpositionEscapes.hasEscapedQuote(text, from, end), replace(from, end));
        }
        pos = end;
    }

    private void type() {
        metadataName("TYPE");
        skipBlanks();
        final int start = pos;
        while (pos < end && !isBlank(text.charAt(pos))) {
            pos++;
        }
        // Go's 0.0.4 parser reads the type in any case.
        if (!TYPES.contains(text.substring(start, pos).toLowerCase(Locale.ROOT)) || !restIsBlank()) {
            throw malformed("a TYPE line needs a metric name and a known type");
        }
    }

    private void unit() {
        metadataName("UNIT");
        skipBlanks();
        while (pos < end && isMetricNameChar(text.charAt(pos))) {
            pos++;
        }
        if (!restIsBlank()) {
            throw malformed("a UNIT line needs a metric name and a unit");
        }
    }

    /** Reads the blanks and the metric name after a HELP, TYPE or UNIT keyword. */
    private void metadataName(final String keyword) {
        final int keywordEnd = pos;
        skipBlanks();
        if (pos == keywordEnd || !metricName()) {
            throw malformed("a " + keyword + " line needs a metric name");
        }
    }

    private void sample() {
        final int nameStart = pos;
        if (!metricName()) {
            throw malformed("expected a metric name or '#'");
        }
        final String name = text.substring(nameStart, pos);
        final int nameEnd = pos;
        skipBlanks();
        final List<Label> labels = new ArrayList<>();
        if (pos < end && text.charAt(pos) == '{') {
            labelSet(labels);
            skipBlanks();
        } else if (pos == nameEnd && pos < end) {
            throw malformed("expected a blank or '{' after the metric name");
        }
        if (!number(true)) {
            throw malformed("expected a number as the value");
        }
        skipBlanks();
        if (pos < end && text.charAt(pos) != '#') {
            if (!number(false)) {
                throw malformed("expected a number as the timestamp");
            }
            skipBlanks();
        }
        if (pos < end) {
            if (text.charAt(pos) != '#') {
                throw malformed("unexpected text after the timestamp");
            }
            exemplar();
        }
        checkSeries(name, labels);
    }

    /** Reads an OpenMetrics exemplar, {@code # {trace_id="..."} 0.67 [timestamp]}, scrubbing its label values. */
    private void exemplar() {
        pos++;
        skipBlanks();
        if (pos == end || text.charAt(pos) != '{') {
            throw malformed("expected a label set after '#'");
        }
        labelSet(null);
        skipBlanks();
        if (!number(true)) {
            throw malformed("expected a number as the exemplar value");
        }
        skipBlanks();
        if (pos < end && !number(false)) {
            throw malformed("expected a number as the exemplar timestamp");
        }
        skipBlanks();
        if (pos < end) {
            throw malformed("unexpected text after the exemplar");
        }
    }

    /**
     * Reads a label set from its {@code '{'} to its {@code '}'}, scrubbing each value.
     *
     * @param labels where the labels are collected, for the series check; null for an exemplar's labels
     */
    private void labelSet(final List<Label> labels) {
        pos++;
        int count = 0;
        while (true) {
            skipBlanks();
            if (pos == end) {
                throw malformed("unclosed label set");
            }
            if (text.charAt(pos) == '}') {
                pos++;
                return;
            }
            final int nameStart = pos;
            if (!labelName()) {
                throw malformed("expected a label name");
            }
            if (++count > PrometheusTextFormat.MAX_LABELS) {
                throw malformed("more than " + PrometheusTextFormat.MAX_LABELS + " labels");
            }
            final String name = text.substring(nameStart, pos);
            skipBlanks();
            if (pos == end || text.charAt(pos) != '=') {
                throw malformed("expected '=' after a label name");
            }
            pos++;
            skipBlanks();
            if (pos == end || text.charAt(pos) != '"') {
                throw malformed("expected '\"' to open a label value");
            }
            final int valueStart = pos + 1;
            final int valueEnd = ExpositionEscapes.closingQuote(text, valueStart, end);
            if (valueEnd == -2) {
                throw malformed("invalid escape sequence in a label value");
            }
            if (valueEnd < 0) {
                throw malformed("unterminated label value");
            }
            final String value = ExpositionEscapes.unescape(text, valueStart, valueEnd);
            final String scrubbed = scrubValue(name.toLowerCase(Locale.ROOT), value);
            if (!scrubbed.equals(value)) {
                ExpositionEscapes.escape(scrubbed, true, replace(valueStart, valueEnd));
            }
            if (labels != null) {
                labels.add(new Label(name, value, scrubbed));
            }
            pos = valueEnd + 1;
            skipBlanks();
            if (pos < end && text.charAt(pos) == ',') {
                pos++;
            } else if (pos == end || text.charAt(pos) != '}') {
                throw malformed("expected ',' or '}' after a label value");
            }
        }
    }

    private String scrubValue(final String lowerName, final String value) {
        return switch (LabelRole.of(lowerName, usernameLabels)) {
            case USERNAME -> username(value);
            case SECRET -> value.isEmpty() ? value : rewriter.redact(FindingType.PASSWORD, counter);
            case TEXT -> rewriter.rewrite(value, counter);
        };
    }

    /**
     * A user name label. kube-state-metrics copies pod labels into {@code label_*} labels, and KubeSpawner sets
     * {@code hub.jupyter.org/username} to the escaped user name: see {@link UsernameValues#rewrite}.
     */
    private String username(final String value) {
        return UsernameValues.rewrite(value, rewriter, counter, "line " + lineNumber + ": a user name label");
    }

    /**
     * Fails if two different series of the record became one: a series is its metric name and its set of labels,
     * in any order.
     */
    private void checkSeries(final String name, final List<Label> labels) {
        labels.sort(BY_NAME);
        final StringBuilder input = new StringBuilder(name).append('{');
        final StringBuilder output = new StringBuilder(name).append('{');
        boolean changed = false;
        for (final Label label : labels) {
            // Length-prefixed, so no value can imitate a separator.
            input.append(label.name()).append('=').append(label.input().length()).append(':')
                    .append(label.input()).append(',');
            output.append(label.name()).append('=').append(label.output().length()).append(':')
                    .append(label.output()).append(',');
            changed |= !label.input().equals(label.output());
        }
        final String inputKey = input.toString();
        final String outputKey = changed ? output.toString() : inputKey;
        final String origin = seriesOrigins.putIfAbsent(outputKey, inputKey);
        if (origin != null && !origin.equals(inputKey)) {
            throw new UnrewritableException(PrometheusTextFormat.REASON_SERIES_COLLISION, "line " + lineNumber
                    + ": scrubbing made this series the same as a different series on an earlier line");
        }
    }

    /** Reads a metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; false if none starts here. */
    private boolean metricName() {
        if (pos == end || !isMetricNameStart(text.charAt(pos))) {
            return false;
        }
        pos++;
        while (pos < end && isMetricNameChar(text.charAt(pos))) {
            pos++;
        }
        return true;
    }

    /** Reads a label name, {@code [a-zA-Z_][a-zA-Z0-9_]*}; false if none starts here. */
    private boolean labelName() {
        if (pos == end || !isLabelNameStart(text.charAt(pos))) {
            return false;
        }
        pos++;
        while (pos < end && (isLabelNameStart(text.charAt(pos)) || isDigit(text.charAt(pos)))) {
            pos++;
        }
        return true;
    }

    /**
     * Reads a number up to the next blank: a decimal float with an optional sign and exponent, or, for a value,
     * also {@code NaN} and an optionally signed {@code Inf} or {@code Infinity}, in any case, as Go's
     * {@code ParseFloat} reads them. Hexadecimal floats and underscores, which Prometheus rejects, are not numbers.
     *
     * @param value whether this is a value, which may be NaN or infinite, rather than a timestamp
     * @return false if the token is empty or not a number
     */
    private boolean number(final boolean value) {
        final int start = pos;
        while (pos < end && !isBlank(text.charAt(pos))) {
            pos++;
        }
        int i = start;
        if (i < pos && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        if (value && (isWord(i, "inf") || isWord(i, "infinity") || i == start && isWord(i, "nan"))) {
            return true;
        }
        final int integerDigits = digits(i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < pos && text.charAt(i) == '.') {
            i++;
            fractionDigits = digits(i);
            i += fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < pos && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < pos && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            final int exponentDigits = digits(i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == pos;
    }

    /** Whether the token being read, from {@code from} to {@link #pos}, is the word, in any case. */
    private boolean isWord(final int from, final String word) {
        return pos - from == word.length() && text.regionMatches(true, from, word, 0, word.length());
    }

    private int digits(final int from) {
        int i = from;
        while (i < pos && isDigit(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private void skipBlanks() {
        while (pos < end && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean restIsBlank() {
        skipBlanks();
        return pos == end;
    }

    /** Starts replacing the input from {@code from} to {@code to}: the replacement is appended to the result. */
    private StringBuilder replace(final int from, final int to) {
        if (out == null) {
            out = new StringBuilder(text.length() + 64);
        }
        out.append(text, copied, from);
        copied = to;
        return out;
    }

    private UnrewritableException malformed(final String what) {
        return new UnrewritableException(PrometheusTextFormat.REASON_NOT_EXPOSITION, "line " + lineNumber + ": "
                + what);
    }

    private static boolean isBlank(final char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLabelNameStart(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isMetricNameStart(final char c) {
        return isLabelNameStart(c) || c == ':';
    }

    private static boolean isMetricNameChar(final char c) {
        return isMetricNameStart(c) || isDigit(c);
    }
}
