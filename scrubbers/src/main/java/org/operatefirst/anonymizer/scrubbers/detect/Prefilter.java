package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A cheap necessary condition of a detector: literals, at least one of which occurs in every text the detector can
 * find something in. Checked with {@link String#indexOf}, which the JVM vectorises, so most strings of a record are
 * dismissed without the detector's character-by-character scan. Immutable and thread-safe.
 */
final class Prefilter {

    private final String[] needles;
    private final boolean ignoreCase;

    private Prefilter(final List<String> needles, final boolean ignoreCase) {
        this.needles = needles.toArray(String[]::new);
        this.ignoreCase = ignoreCase;
    }

    /**
     * A prefilter for texts that contain one of the literals.
     *
     * @param literals   the literals, not empty; a literal that contains another is dropped as redundant
     * @param ignoreCase whether case is ignored (ASCII letters)
     * @return the prefilter
     */
    static Prefilter anyOf(final Collection<String> literals, final boolean ignoreCase) {
        final List<String> folded = new ArrayList<>();
        for (final String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("a prefilter literal cannot be empty");
            }
            folded.add(ignoreCase ? literal.toLowerCase(Locale.ROOT) : literal);
        }
        final List<String> minimal = new ArrayList<>();
        for (final String literal : folded) {
            boolean redundant = false;
            for (final String other : folded) {
                if (!other.equals(literal) && literal.contains(other)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant && !minimal.contains(literal)) {
                minimal.add(literal);
            }
        }
        return new Prefilter(minimal, ignoreCase);
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
        for (final String needle : needles) {
            if (ignoreCase ? containsIgnoreCase(string, needle) : string.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(final String text, final String lowerNeedle) {
        final char lower = lowerNeedle.charAt(0);
        final char upper = Character.toUpperCase(lower);
        final int last = text.length() - lowerNeedle.length();
        for (int i = text.indexOf(lower); i >= 0 && i <= last; i = text.indexOf(lower, i + 1)) {
            if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        if (upper != lower) {
            for (int i = text.indexOf(upper); i >= 0 && i <= last; i = text.indexOf(upper, i + 1)) {
                if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
