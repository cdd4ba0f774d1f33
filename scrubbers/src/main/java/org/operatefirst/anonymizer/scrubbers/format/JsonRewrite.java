package org.operatefirst.anonymizer.scrubbers.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.format.JsonFormat.KeyRole;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * One pass over one JSON document: reads its tokens in order, without recursion, and copies the input to the output,
 * replacing only the strings that scrubbing changes and cutting out removed fields. The parser has checked every
 * token before the pass looks at it, so the raw text between two token positions is valid JSON. Not thread-safe:
 * one per record.
 */
final class JsonRewrite {

    /** What a container is in an Alertmanager payload. */
    private enum Mark {
        /** Nothing special. */
        PLAIN,
        /** The payload's {@code alerts} array. */
        ALERTS,
        /** One alert. */
        ALERT,
        /** One alert's {@code labels}. */
        LABELS
    }

    private static final String FINGERPRINT_PLACEHOLDER = "\"0000000000000000\"";

    private final JsonFormat format;
    private final String input;
    private final JsonParser parser;
    private final TextRewriter rewriter;
    private final FindingCounter counter;
    private final int depthLimit;
    private final boolean alerts;

    /** The output, created at the first change; until then the output is the input. */
    private StringBuilder out;
    /** How much of the input {@link #out} already stands for. */
    private int copied;

    /** The open containers, 1 for the root; index 0 is unused. */
    private int depth;
    private final boolean[] isObject;
    /** The role of each open container as a value: inherited by its elements, and by fields if a secret. */
    private final KeyRole[] roles;
    /** Whether an object is an anchor of drop paths, or an array's objects are. */
    private final boolean[] anchors;
    /** The key of the current field of each open object, as written in the input. */
    private final String[] keys;
    /** Whether an open object has kept a field so far. */
    private final boolean[] keptAny;
    /** Where a removal starts that ends at the next field of an open object, or -1. */
    private final int[] pendingCut;
    private final Mark[] marks;
    /** The role of the current field's value. */
    private KeyRole fieldRole = KeyRole.TEXT;
    /** The current field's key as written to the output. */
    private String outputKey;

    /** The scrubbed labels of the open alert, as name and value pairs. */
    private List<String[]> alertLabels;
    /** The label names of the open alert's labels, as written in the input: a fingerprint needs them distinct. */
    private Set<String> alertLabelNames;
    /** Where the open alert's fingerprint digits are in the output, or -1. */
    private int fingerprintAt = -1;

    JsonRewrite(final JsonFormat format, final String input, final JsonParser parser, final TextRewriter rewriter,
            final FindingCounter counter, final int depthLimit) {
        this.format = format;
        this.input = input;
        this.parser = parser;
        this.rewriter = rewriter;
        this.counter = counter;
        this.depthLimit = depthLimit;
        this.alerts = format.profile() == JsonFormat.Profile.ALERTMANAGER;
        final int levels = Math.max(depthLimit, 0) + 1;
        this.isObject = new boolean[levels];
        this.roles = new KeyRole[levels];
        this.anchors = new boolean[levels];
        this.keys = new String[levels];
        this.keptAny = new boolean[levels];
        this.pendingCut = new int[levels];
        this.marks = new Mark[levels];
    }

    /**
     * Runs the pass.
     *
     * @return the scrubbed document; the input itself if nothing changed
     * @throws IOException if the parser rejects the document
     * @throws UnrewritableException if the document nests too deep or a finding cannot be rewritten
     */
    String run() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw invalid("no JSON value");
        }
        while (true) {
            step(token);
            if (depth == 0) {
                break;
            }
            token = parser.nextToken();
            if (token == null) {
                throw invalid("the document ends inside an object or array");
            }
        }
        if (parser.nextToken() != null) {
            throw invalid("a second JSON value at character " + tokenStart());
        }
        if (out == null) {
            return input;
        }
        return out.append(input, copied, input.length()).toString();
    }

    private void step(final JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> open(true);
            case START_ARRAY -> open(false);
            case END_OBJECT -> closeObject();
            case END_ARRAY -> depth--;
            case FIELD_NAME -> field();
            case VALUE_STRING -> string();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number();
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> literal();
            case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> throw invalid("an unexpected token");
        }
    }

    /** The key of the field whose value comes next, or null inside an array or at the root. */
    private String currentKey() {
        return depth > 0 && isObject[depth] ? keys[depth] : null;
    }

    private KeyRole valueRole() {
        if (depth == 0) {
            return KeyRole.TEXT;
        }
        return isObject[depth] ? fieldRole : roles[depth];
    }

    private Mark parentMark() {
        return depth == 0 ? Mark.PLAIN : marks[depth];
    }

    private void open(final boolean object) {
        final KeyRole role = valueRole();
        final boolean anchor;
        if (depth == 0) {
            anchor = true;
        } else if (isObject[depth]) {
            anchor = anchors[depth] && (object ? JsonFormat.ENVELOPE_KEYS.contains(keys[depth])
                    : JsonFormat.ITEMS_KEY.equals(keys[depth]));
        } else {
            anchor = object && anchors[depth];
        }
        final Mark mark = alerts ? alertMark(object) : Mark.PLAIN;
        if (depth == depthLimit) {
            throw tooDeep();
        }
        depth++;
        isObject[depth] = object;
        roles[depth] = role;
        anchors[depth] = anchor;
        keys[depth] = null;
        keptAny[depth] = false;
        pendingCut[depth] = -1;
        marks[depth] = mark;
    }

    private Mark alertMark(final boolean object) {
        final Mark parent = parentMark();
        if (parent == Mark.LABELS) {
            throw notAlertmanager("a label value that is not a string");
        }
        if (!object && depth == 1 && isObject[1] && "alerts".equals(keys[1])) {
            return Mark.ALERTS;
        }
        if (object && parent == Mark.ALERTS) {
            alertLabels = new ArrayList<>();
            fingerprintAt = -1;
            return Mark.ALERT;
        }
        if (object && parent == Mark.ALERT && "labels".equals(keys[depth])) {
            alertLabelNames = new HashSet<>();
            return Mark.LABELS;
        }
        if (parent == Mark.ALERT && "fingerprint".equals(keys[depth])) {
            throw notAlertmanager("a fingerprint that is not a string");
        }
        return Mark.PLAIN;
    }

    private void closeObject() {
        if (pendingCut[depth] >= 0) {
            edit(pendingCut[depth], tokenStart(), "");
        }
        if (marks[depth] == Mark.ALERT && fingerprintAt >= 0) {
            final String fingerprint = AlertFingerprint.of(alertLabels);
            out.replace(fingerprintAt, fingerprintAt + fingerprint.length(), fingerprint);
            fingerprintAt = -1;
        }
        depth--;
    }

    private void field() throws IOException {
        final String key = parser.currentName();
        final int level = depth;
        if (pendingCut[level] >= 0) {
            edit(pendingCut[level], tokenStart(), "");
            pendingCut[level] = -1;
        }
        keys[level] = key;
        if (alerts && marks[level] == Mark.LABELS && !alertLabelNames.add(key)) {
            throw notAlertmanager("a label name that occurs twice");
        }
        if (format.mayDrop(key) && matchesDropPath()) {
            final int start = tokenStart();
            final int end = skip(parser.nextToken());
            if (keptAny[level]) {
                edit(commaBefore(start), end, "");
            } else {
                pendingCut[level] = start;
            }
            return;
        }
        keptAny[level] = true;
        final String scrubbed = rewriter.rewrite(key, counter);
        if (!scrubbed.equals(key)) {
            final int start = tokenStart();
            editString(start, JsonStrings.end(input, start), scrubbed);
        }
        outputKey = scrubbed;
        if (roles[level] == KeyRole.SECRET) {
            fieldRole = KeyRole.SECRET;
        } else {
            fieldRole = format.roleOf(key);
        }
    }

    /** Whether the current field is named by a drop path, from an anchor object through objects only. */
    private boolean matchesDropPath() {
        for (final DropPath path : format.dropPaths()) {
            final List<String> pathKeys = path.keys();
            final int anchor = depth - pathKeys.size() + 1;
            if (anchor < 1 || !anchors[anchor]) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < pathKeys.size() && matches; i++) {
                final int level = anchor + i;
                matches = isObject[level] && pathKeys.get(i).equals(keys[level]);
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }

    /** Reads past a value, checking the depth of what it skips; returns the position after the value. */
    private int skip(final JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            int level = depth;
            JsonToken next = token;
            do {
                if (next.isStructStart()) {
                    if (level == depthLimit) {
                        throw tooDeep();
                    }
                    level++;
                } else if (next.isStructEnd()) {
                    level--;
                }
                if (level == depth) {
                    break;
                }
                next = parser.nextToken();
                if (next == null) {
                    throw invalid("the document ends inside an object or array");
                }
            } while (true);
            return tokenStart() + 1;
        }
        if (token == JsonToken.VALUE_STRING) {
            return JsonStrings.end(input, tokenStart());
        }
        if (token == null || token.isStructEnd() || token == JsonToken.FIELD_NAME) {
            throw invalid("a field without a value");
        }
        return tokenStart() + parser.getTextLength();
    }

    private void string() throws IOException {
        final String value = parser.getText();
        final Mark mark = parentMark();
        if (alerts && mark == Mark.ALERT && "fingerprint".equals(keys[depth])) {
            // Alertmanager's fingerprint is an unkeyed hash of the raw labels: never kept, always recomputed.
            final int start = tokenStart();
            edit(start, JsonStrings.end(input, start), FINGERPRINT_PLACEHOLDER);
            fingerprintAt = out.length() - FINGERPRINT_PLACEHOLDER.length() + 1;
            return;
        }
        final String scrubbed = switch (valueRole()) {
            case SECRET -> value.isEmpty() ? value : rewriter.redact(FindingType.PASSWORD, counter);
            case USERNAME -> UsernameValues.rewrite(value, rewriter, counter, "a user name field");
            case TEXT -> text(value);
        };
        if (mark == Mark.LABELS) {
            alertLabels.add(new String[] {outputKey, scrubbed});
        }
        if (!scrubbed.equals(value)) {
            final int start = tokenStart();
            editString(start, JsonStrings.end(input, start), scrubbed);
        }
    }

    private String text(final String value) {
        final String key = currentKey();
        if (key != null && format.profile() != JsonFormat.Profile.DOCUMENT) {
            if (alerts && depth == 1 && "groupKey".equals(key)) {
                return GroupKeys.scrub(value, format, rewriter, counter);
            }
            if (format.profile() == JsonFormat.Profile.LOG && ("message".equals(key) || "log".equals(key))
                    && LogFormat.opensJsonObject(value)) {
                return embedded(value);
            }
        }
        return rewriter.rewrite(value, counter);
    }

    /**
     * A log message that is itself a JSON object, as collectors store an application's structured line: read with
     * the same rules, within what is left of the depth limit. A message that only looks like JSON is free text.
     */
    private String embedded(final String value) {
        final FindingCounter inner = counter.attempt();
        try {
            final String scrubbed = format.scrub(value, rewriter, inner, depthLimit - depth);
            counter.add(inner.snapshot());
            return scrubbed;
        } catch (final UnrewritableException e) {
            if (!JsonFormat.REASON_INVALID_JSON.equals(e.reason())) {
                throw e;
            }
        }
        return rewriter.rewrite(value, counter);
    }

    private void number() throws IOException {
        if (alerts) {
            checkAlertValue();
        }
        if (valueRole() == KeyRole.SECRET) {
            final int start = tokenStart();
            final String marker = rewriter.redact(FindingType.PASSWORD, counter);
            editString(start, start + parser.getTextLength(), marker);
        }
    }

    private void literal() {
        if (alerts) {
            checkAlertValue();
        }
    }

    private void checkAlertValue() {
        final Mark mark = parentMark();
        if (mark == Mark.LABELS) {
            throw notAlertmanager("a label value that is not a string");
        }
        if (mark == Mark.ALERT && "fingerprint".equals(keys[depth])) {
            throw notAlertmanager("a fingerprint that is not a string");
        }
    }

    private int tokenStart() {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    /** The comma before a field that follows another: only blanks lie between them. */
    private int commaBefore(final int fieldStart) {
        int i = fieldStart - 1;
        while (input.charAt(i) != ',') {
            i--;
        }
        return i;
    }

    private StringBuilder output(final int start) {
        if (out == null) {
            out = new StringBuilder(input.length() + 64);
        }
        return out.append(input, copied, start);
    }

    private void edit(final int start, final int end, final String replacement) {
        output(start).append(replacement);
        copied = end;
    }

    private void editString(final int start, final int end, final String value) {
        JsonStrings.append(value, output(start));
        copied = end;
    }

    private UnrewritableException invalid(final String what) {
        return new UnrewritableException(JsonFormat.REASON_INVALID_JSON, "not valid JSON: " + what);
    }

    private UnrewritableException tooDeep() {
        return new UnrewritableException(JsonFormat.REASON_TOO_DEEP, "objects and arrays nest deeper than "
                + depthLimit + " at character " + tokenStart());
    }

    private static UnrewritableException notAlertmanager(final String what) {
        return new UnrewritableException(AlertFormat.REASON_NOT_ALERTMANAGER, "not an Alertmanager payload: "
                + what);
    }
}
