package org.operatefirst.anonymizer.scrubbers.directory;

import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * A detector of a short list of words, found as the directory's identifiers are: ignoring case, whole words only
 * ({@link DirectoryDetector}), walked from word starts in a trie. Used for what a record itself says is a
 * user name, which is then replaced at every occurrence in that record.
 */
public final class WordList {

    private WordList() {
    }

    /**
     * Builds a detector of words, each with the type of its findings.
     *
     * @param words the words, none empty; a word equal to an earlier one (ignoring case) is dropped
     * @param types the type of each word's findings, in the same order
     * @return the detector; one that finds nothing if there are no words
     */
    public static Detector detector(final List<String> words, final List<FindingType> types) {
        if (words.size() != types.size()) {
            throw new IllegalArgumentException("one type per word: " + words.size() + " words, " + types.size()
                    + " types");
        }
        final IdentifierTrie.Builder builder = new IdentifierTrie.Builder();
        final FindingType[] kept = new FindingType[words.size()];
        int patterns = 0;
        for (int i = 0; i < words.size(); i++) {
            if (builder.add(words.get(i)) >= 0) {
                kept[patterns++] = types.get(i);
            }
        }
        if (patterns == 0) {
            return (text, out) -> { };
        }
        return new DirectoryDetector(builder.build(), java.util.Arrays.copyOf(kept, patterns));
    }
}
