package org.operatefirst.anonymizer.scrubbers.format;

import java.util.List;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * Log records: one line of a log, either plain text or a JSON object, as collectors (Vector's
 * {@code kubernetes_logs}, Fluent Bit, OpenShift Logging's ViaQ model) and structured applications write them.
 *
 * <ul>
 *   <li>A record that opens a JSON object (blanks, an opening brace, then a closing brace or a string and a colon)
 *       is read with the rules of {@link JsonFormat}. Its {@code message} and {@code log} strings are free text,
 *       except that one which itself opens a JSON object (an application's structured line, kept as a string by
 *       the collector) is read as JSON with the same rules, within what is left of the depth limit.</li>
 *   <li>Any other record, and one that opens a JSON object but is not valid JSON (<code>{"a":1} and more</code>,
 *       <code>{"unterminated</code>), is free text, like {@link PlainTextFormat}. This fails closed: text scrubbing
 *       reads the whole record and rewrites every finding anywhere in it, so nothing it would find is kept; what is
 *       lost is only the field-aware rules (user name fields, secret names as keys, removed fields), which the
 *       detectors on text cover for {@code key=value} and {@code "key":"value"} pairs as far as they go.</li>
 *   <li>Valid JSON that nests too deep, or holds a string, number or key over its limit, is not text that happens
 *       to have braces: the record fails as in {@link JsonFormat}, and is quarantined.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class LogFormat implements RecordFormat {

    private final JsonFormat json;

    /**
     * Creates the format.
     *
     * @param usernameFields keys whose whole value is a user name; compared in lower case
     * @param dropFields     dotted key paths of fields to remove from JSON records
     * @param maxDepth       the deepest nesting of objects and arrays accepted
     */
    public LogFormat(final Set<String> usernameFields, final List<String> dropFields, final int maxDepth) {
        this.json = new JsonFormat(usernameFields, dropFields, maxDepth, JsonFormat.Profile.LOG);
    }

    @Override
    public String scrub(final String input, final TextRewriter rewriter, final FindingCounter counter) {
        if (opensJsonObject(input)) {
            // Counted apart: an attempt that turns out not to be JSON must not count its findings twice.
            final FindingCounter attempt = counter.attempt();
            try {
                final String scrubbed = json.scrub(input, rewriter, attempt);
                counter.add(attempt.snapshot());
                return scrubbed;
            } catch (final UnrewritableException e) {
                if (!JsonFormat.REASON_INVALID_JSON.equals(e.reason())) {
                    throw e;
                }
            }
        }
        return rewriter.rewrite(input, counter);
    }

    /**
     * Whether a text opens a JSON object: blanks, a brace, then a closing brace, or a string and a colon. Reads at
     * most the first key.
     *
     * @param text the text
     * @return true if it opens a JSON object
     */
    static boolean opensJsonObject(final String text) {
        return PrometheusTextFormat.opensJsonObject(text);
    }
}
