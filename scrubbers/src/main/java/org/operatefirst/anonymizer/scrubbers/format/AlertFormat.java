package org.operatefirst.anonymizer.scrubbers.format;

import java.util.List;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;

/**
 * Alertmanager webhook payloads (version 4): {@code receiver}, {@code status}, {@code alerts[]} with their
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code generatorURL} and
 * {@code fingerprint}, {@code groupLabels}, {@code commonLabels}, {@code commonAnnotations}, {@code externalURL},
 * {@code groupKey} and {@code truncatedAlerts}. Read as JSON with the rules of {@link JsonFormat}, in one pass, and
 * two more:
 * <ul>
 *   <li>each alert's {@code fingerprint} is recomputed from the alert's labels as they are written out, exactly as
 *       Alertmanager computes it ({@code model.LabelSet.Fingerprint}, FNV-1a over the sorted labels). The input's
 *       fingerprint is never kept: it is an unkeyed 64-bit hash of the raw labels, which a list of candidate names
 *       would reverse. The new one still tells alerts apart and matches the published labels. A fingerprint that
 *       comes before its labels is filled in when the alert's object closes;</li>
 *   <li>{@code groupKey} is scanned as free text, except that a quoted label value whose name is a secret name or a
 *       user name field is scrubbed as in {@code groupLabels}.</li>
 * </ul>
 * An alert whose labels are not all strings or not all distinct, or whose fingerprint is not a string, is not what
 * Alertmanager sends:
 * the record fails with {@value #REASON_NOT_ALERTMANAGER}. Anything else in the payload, including a root that is
 * not a webhook payload, is scrubbed by the common rules. Immutable and thread-safe.
 */
public final class AlertFormat implements RecordFormat {

    /** Reason of a payload whose alerts have labels or fingerprints of the wrong type. */
    public static final String REASON_NOT_ALERTMANAGER = "not-alertmanager";

    private final JsonFormat json;

    /**
     * Creates the format.
     *
     * @param usernameFields label names and keys whose whole value is a user name; compared in lower case
     * @param dropFields     dotted key paths of fields to remove
     * @param maxDepth       the deepest nesting of objects and arrays accepted
     */
    public AlertFormat(final Set<String> usernameFields, final List<String> dropFields, final int maxDepth) {
        this.json = new JsonFormat(usernameFields, dropFields, maxDepth, JsonFormat.Profile.ALERTMANAGER);
    }

    @Override
    public String scrub(final String input, final TextRewriter rewriter, final FindingCounter counter) {
        return json.scrub(input, rewriter, counter);
    }
}
