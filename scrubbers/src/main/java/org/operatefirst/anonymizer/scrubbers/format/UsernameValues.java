package org.operatefirst.anonymizer.scrubbers.format;

import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * The rewriting of a value that is a user name as a whole, shared by every format that knows such fields: metric
 * labels, JSON fields, Kubernetes labels and annotations.
 */
final class UsernameValues {

    private UsernameValues() {
    }

    /**
     * Rewrites a user name value. KubeSpawner writes the escaped user name ({@code jdoe-40example-2eorg}) into pod
     * labels, which cannot hold {@code @}, and the raw name into annotations: a value that reads as an escaped name
     * and holds an escape gets the escaped pseudonym, the same that replaces the user name in the pod's name. Any
     * other value is a raw user name or email address ({@link TextRewriter#rewriteUsername}).
     *
     * @param value    the value
     * @param rewriter the rewriter
     * @param counter  counts what was rewritten
     * @param where    where the value is, for the failure's detail; never record data
     * @return the rewritten value
     * @throws UnrewritableException if an escaped name cannot be rewritten
     */
    static String rewrite(final String value, final TextRewriter rewriter, final FindingCounter counter,
            final String where) {
        if (value.indexOf(KubeSpawnerEscape.ESCAPE) >= 0 && KubeSpawnerEscape.unescape(value).isPresent()) {
            final String pseudonym = rewriter.pseudonymizer().escapedUsername(value)
                    .orElseThrow(() -> new UnrewritableException(TextRewriter.REASON_UNREWRITABLE,
                            where + ": an escaped user name could not be rewritten"));
            counter.add(FindingType.ESCAPED_USERNAME);
            KubeSpawnerEscape.unescape(value).ifPresent(counter.learned()::learn);
            return pseudonym;
        }
        return rewriter.rewriteUsername(value, counter);
    }
}
