package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;

/**
 * The findings in the strings of one record, detected once and shared by the scrubbers of every tier. Finding
 * personal data does not depend on the tier (only the pseudonyms do), so when a record is scrubbed once per tier,
 * the second pass looks up what the first found in each string instead of running every detector again.
 *
 * <p>Bound to the {@link Detection} that uses it first: a rewriter with another detection (another policy or
 * identity directory) searches for itself, so sharing can save work but never changes a result. Short texts are
 * not kept here: {@link Detection} remembers those across records. Not thread-safe:
 * one per record, on one thread; it holds the record's strings only until it is dropped.
 */
public final class Detections {

    private final Map<String, List<Finding>> byText = new HashMap<>();
    private Object detectors;

    /**
     * The resolved findings of a text: remembered ones if this text was detected before with the same detectors,
     * else those {@code detect} returns, remembered.
     *
     * @param text      the text
     * @param owner     the detectors that {@code detect} runs, compared by identity
     * @param detect    detects and resolves the findings of a text
     * @return disjoint findings in order of start index
     */
    List<Finding> of(final String text, final Object owner, final Function<String, List<Finding>> detect) {
        if (detectors == null) {
            detectors = owner;
        } else if (detectors != owner) {
            return detect.apply(text);
        }
        final List<Finding> known = byText.get(text);
        if (known != null) {
            return known;
        }
        final List<Finding> found = detect.apply(text);
        byText.put(text, found);
        return found;
    }
}
