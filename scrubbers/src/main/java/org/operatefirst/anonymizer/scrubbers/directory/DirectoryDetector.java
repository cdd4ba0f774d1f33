package org.operatefirst.anonymizer.scrubbers.directory;

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
 * <p>A match that starts with a word character starts where a word starts, and has that whole word as its first
 * word. So each word of the text is hashed once and looked up whole among the identifiers' first words
 * ({@link IdentifierTrie#firstWord}: a filter first, then a table checked against the text); only from a word
 * that is one, and from a non-word character that some identifier starts with, does a walk down the
 * {@link IdentifierTrie} look for the identifiers that go on past it. Of those that end on a boundary the longest
 * is taken, and the search goes on after it. A text costs one hash step per character and a filter probe per word,
 * plus, for the words that are an identifier's first word, a comparison with it and a walk as long as the rest of
 * the longest identifier at most, whatever the directory's size.
 */
final class DirectoryDetector implements Detector {

    private final IdentifierTrie trie;
    private final FindingType[] types;

    DirectoryDetector(final IdentifierTrie trie, final FindingType[] types) {
        this.trie = trie;
        this.types = types.clone();
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final int n = text.length();
        int i = 0;
        while (i < n) {
            final char c = text.charAt(i);
            int next = i + 1;
            int pattern = -1;
            if (IdentifierTrie.isWordChar(c)) {
                // A word starts here: an identifier that starts with it has it as its first word.
                long hash = IdentifierTrie.WORD_SEED;
                next = i;
                do {
                    hash = IdentifierTrie.wordHash(hash, IdentifierTrie.fold(text.charAt(next)));
                    next++;
                } while (next < n && IdentifierTrie.isWordChar(text.charAt(next)));
                final int word = trie.firstWord(hash, text, i, next);
                if (word >= 0) {
                    // The word is whole, so an identifier that ends with it ends on a boundary.
                    final int node = trie.wordNode(word);
                    pattern = trie.pattern(node);
                    if (next < n && trie.mayContinue(word, text.charAt(next))) {
                        pattern = longestFrom(text, next, node, pattern);
                    }
                }
            } else {
                final int node = trie.next(IdentifierTrie.ROOT, IdentifierTrie.fold(c));
                if (node >= 0) {
                    pattern = longestFrom(text, next, node, trie.pattern(node));
                }
            }
            if (pattern >= 0) {
                final int end = i + trie.length(pattern);
                out.add(new Finding(types[pattern], i, end));
                next = end;
            }
            i = next;
        }
    }

    /**
     * The longest identifier that goes on from a node, reached at an index of a text, and ends on a boundary.
     *
     * @param text         the text
     * @param from         the index of the first character after the node's prefix
     * @param reached      the node reached
     * @param longestSoFar the longest identifier found so far, or -1
     * @return the longest identifier found, or -1
     */
    private int longestFrom(final CharSequence text, final int from, final int reached, final int longestSoFar) {
        final int n = text.length();
        int longest = longestSoFar;
        int node = reached;
        for (int i = from; i < n; i++) {
            node = trie.next(node, IdentifierTrie.fold(text.charAt(i)));
            if (node < 0) {
                break;
            }
            final int pattern = trie.pattern(node);
            // A match that ends with a word character must not be followed by one.
            if (pattern >= 0 && (i + 1 == n || !IdentifierTrie.isWordChar(text.charAt(i + 1))
                    || !IdentifierTrie.isWordChar(text.charAt(i)))) {
                longest = pattern;
            }
        }
        return longest;
    }
}
