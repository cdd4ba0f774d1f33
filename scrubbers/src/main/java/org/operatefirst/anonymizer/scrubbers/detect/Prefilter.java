package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A cheap necessary condition of a detector: literals, at least one of which occurs in every text the detector can
 * find something in. Checked with vectorised searches ({@link AnchoredLiteral}: by a rare character of a literal, or
 * for the literal as a string), so most strings of a record are dismissed without the detector's
 * character-by-character scan. Immutable and thread-safe.
 */
final class Prefilter {

    private final AnchoredLiteral[] needles;

    private Prefilter(final List<String> needles) {
        this.needles = needles.stream().map(AnchoredLiteral::of).toArray(AnchoredLiteral[]::new);
    }

    /**
     * A prefilter for texts that contain one of the literals, as written (case matters).
     *
     * @param literals the literals, not empty; a literal that contains another is dropped as redundant
     * @return the prefilter
     */
    static Prefilter anyOf(final Collection<String> literals) {
        final List<String> minimal = new ArrayList<>();
        for (final String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("a prefilter literal cannot be empty");
            }
            boolean redundant = false;
            for (final String other : literals) {
                if (!other.equals(literal) && literal.contains(other)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant && !minimal.contains(literal)) {
                minimal.add(literal);
            }
        }
        return new Prefilter(minimal);
    }

    /**
     * Whether the detector may find something in the text. Texts that are not {@link String}s are always scanned.
     *
     * @param text the text
     * @return false only if no literal occurs in the text
     */
    boolean mayMatch(final CharSequence text) {
        if (!(text instanceof String string)) {
            return true;
        }
        for (final AnchoredLiteral needle : needles) {
            if (needle.next(string, 0) >= 0) {
                return true;
            }
        }
        return false;
    }
}
