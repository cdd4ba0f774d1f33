package org.operatefirst.anonymizer.scrubbers.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * Finds the identifiers of an {@link IdentityDirectory} in free text, ignoring case, as whole words: the character
 * before a match that starts with a word character, and the character after one that ends with a word character,
 * must not be word characters (letters, digits, {@code _}). Everything else is a boundary, {@code .}, {@code -} and
 * {@code @} included: {@code jdoe} is found in {@code jupyter-jdoe}, {@code jdoe.log} and {@code jdoe@host}, not in
 * {@code jdoe2} or {@code my_jdoe}. Where matches overlap, the leftmost wins, and of two that start together the
 * longer ({@code Jane Doe} over {@code Jane}).
 *
 * <p>Findings are typed by the identifier's kind: {@link FindingType#USERNAME}, {@link FindingType#EMAIL},
 * {@link FindingType#PERSON_NAME}, and {@link FindingType#SAFE_SLUG} for a person's hashed KubeSpawner slug. The
 * finding names no person: the rewriter looks the matched text up in the directory again.
 *
 * <p>One pass of an Aho-Corasick automaton: linear in the text plus the matches, whatever the directory's size. At
 * an index where a word ends, the patterns ending there are tried longest first until one starts on a boundary:
 * at most as many as there are identifiers that are suffixes of one another, a property of the directory, which
 * the operator controls, not of the text.
 */
final class DirectoryDetector implements Detector {

    private static final Comparator<Finding> LEFTMOST_LONGEST = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::length).reversed());

    private final AhoCorasick automaton;
    private final FindingType[] types;

    DirectoryDetector(final AhoCorasick automaton, final FindingType[] types) {
        this.automaton = automaton;
        this.types = types.clone();
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final List<Finding> candidates = new ArrayList<>();
        automaton.scan(text, (end, pattern) -> {
            // Every pattern ending here ends with the same character: if one fails the end boundary, all do.
            if (isWordChar(text.charAt(end - 1)) && end < text.length() && isWordChar(text.charAt(end))) {
                return false;
            }
            final int start = end - automaton.length(pattern);
            if (isWordChar(text.charAt(start)) && start > 0 && isWordChar(text.charAt(start - 1))) {
                return true;
            }
            // The longest whole word ending here; shorter ones lie inside it and cannot win.
            candidates.add(new Finding(types[pattern], start, end));
            return false;
        });
        if (candidates.isEmpty()) {
            return;
        }
        candidates.sort(LEFTMOST_LONGEST);
        int taken = 0;
        for (final Finding candidate : candidates) {
            if (candidate.start() >= taken) {
                out.add(candidate);
                taken = candidate.end();
            }
        }
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
