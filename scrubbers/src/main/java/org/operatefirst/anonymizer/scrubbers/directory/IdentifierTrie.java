package org.operatefirst.anonymizer.scrubbers.directory;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A trie of identifiers over case-folded characters, walked from the index where a match would start.
 *
 * <p>The directory finds identifiers as whole words ({@link DirectoryDetector}): a match that starts with a word
 * character starts where a word starts. So instead of running an automaton over every character of a text, which
 * for a directory of thousands of people spends most of its steps deep in the trie and on failure links, the
 * detector looks each word up whole and walks down only from a word that is an identifier's first word (and from
 * the few non-word characters some identifier starts with), stopping at the first character no identifier
 * continues with. A walk is at most as long as the longest
 * identifier ({@link IdentityDirectory#MAX_IDENTIFIER_LENGTH}), so a text costs at most its length times that
 * bound, and in practice a few steps per word.
 *
 * <p>Stored in arrays, nodes numbered depth first: a node with one child (most nodes, deep in an identifier that
 * shares no more prefix) keeps that child's character, and the child is the next node; the children of the others
 * are in one open-addressing table keyed by (node, character), with a dense table for the ASCII children of the
 * root. A word is first looked up whole: a small filter of the identifiers' first words turns most words away
 * at a glance, and a table of those words gives the node at the end of one, checked character by character
 * against the text, and the characters that some identifier goes on with after it. So a walk from a word goes
 * down the trie only past the first word, and only where the text goes on like an identifier. Immutable once
 * built; thread-safe.
 */
final class IdentifierTrie {

    /** The root: the node of the empty prefix, where every walk starts. */
    static final int ROOT = 0;

    private static final int WORD_STRIDE = 4;
    private static final int LEAF = -2;
    private static final int BRANCHING = -1;
    private static final long FREE = -1L;

    private final int[] output;
    /**
     * The label of each node's only child, which is the next node; {@link #LEAF}, or {@link #BRANCHING} for the
     * root and a node of several children.
     */
    private final int[] sole;
    private final int[] rootAscii;
    /** A Bloom filter of the identifiers' first words (two bits per word): most words are turned away at a glance. */
    private final long[] firstWords;
    private final int firstWordMask;
    private final int[] patternLength;
    /**
     * The identifiers' first words by {@link #wordHash}, in open addressing, {@value #WORD_STRIDE} longs a slot so
     * that a probe reads one cache line: the hash; the node at the end of the word and where the folded word
     * starts in {@link #wordChars}, as {@code node << 32 | start} ({@link #FREE} for a free slot); and the
     * {@link #nextBit} of every character other than a word character that the node has a child for.
     */
    private final long[] words;
    private final char[] wordChars;
    private final int wordMask;
    /** Edge {@code (node, c)} as {@code node << 16 | c}, or -1 for a free slot; the child is in {@link #edgeChild}. */
    private final long[] edgeKey;
    private final int[] edgeChild;
    private final int edgeMask;

    private IdentifierTrie(final Builder builder) {
        final int n = builder.size;
        final int[] id = preorder(builder);
        this.output = new int[n];
        this.sole = new int[n];
        for (int old = 0; old < n; old++) {
            output[id[old]] = builder.output[old];
            final int child = builder.firstChild[old];
            if (child < 0) {
                sole[id[old]] = LEAF;
            } else {
                sole[id[old]] = old != ROOT && builder.nextSibling[child] < 0 ? builder.label[child] : BRANCHING;
            }
        }
        this.patternLength = Arrays.copyOf(builder.patternLength, builder.patterns);
        this.rootAscii = new int[128];
        Arrays.fill(rootAscii, -1);
        int bits = 64;
        while (bits < 16 * builder.firstWordCount) {
            bits <<= 1;
        }
        this.firstWords = new long[bits / 64];
        this.firstWordMask = bits - 1;
        int wordSlots = 2;
        while (wordSlots < 2 * builder.firstWordCount) {
            wordSlots <<= 1;
        }
        this.words = new long[wordSlots * WORD_STRIDE];
        this.wordMask = wordSlots - 1;
        this.wordChars = Arrays.copyOf(builder.firstWordChars, builder.firstWordCharCount);
        for (int slot = 0; slot < wordSlots; slot++) {
            words[slot * WORD_STRIDE + 1] = FREE;
        }
        for (int k = 0; k < builder.firstWordCount; k++) {
            final long h = builder.firstWordHashes[k];
            setBit((int) h);
            setBit((int) (h >>> 32));
            int slot = (int) (h >>> 40) & wordMask;
            while (words[slot * WORD_STRIDE + 1] != FREE) {
                slot = (slot + 1) & wordMask;
            }
            // The builder's number of the node, to read its children; the table holds the trie's own (id).
            final int node = builder.firstWordNodes[k];
            long next = 0;
            for (int child = builder.firstChild[node]; child >= 0; child = builder.nextSibling[child]) {
                if (!isWordChar(builder.label[child])) {
                    next |= nextBit(builder.label[child]);
                }
            }
            words[slot * WORD_STRIDE] = h;
            words[slot * WORD_STRIDE + 1] = (long) id[node] << 32 | builder.firstWordStarts[k];
            words[slot * WORD_STRIDE + 2] = next;
        }
        int branching = 0;
        for (int old = 0; old < n; old++) {
            if (sole[id[old]] == BRANCHING) {
                for (int child = builder.firstChild[old]; child >= 0; child = builder.nextSibling[child]) {
                    branching++;
                }
            }
        }
        int slots = 2;
        while (slots < 2 * branching) {
            slots <<= 1;
        }
        this.edgeKey = new long[slots];
        this.edgeChild = new int[slots];
        this.edgeMask = slots - 1;
        Arrays.fill(edgeKey, -1L);
        for (int old = 0; old < n; old++) {
            if (sole[id[old]] != BRANCHING) {
                continue;
            }
            for (int child = builder.firstChild[old]; child >= 0; child = builder.nextSibling[child]) {
                final char c = builder.label[child];
                if (old == ROOT && c < 128) {
                    rootAscii[c] = id[child];
                    continue;
                }
                final long key = edge(id[old], c);
                int slot = slot(key);
                while (edgeKey[slot] != -1L) {
                    slot = (slot + 1) & edgeMask;
                }
                edgeKey[slot] = key;
                edgeChild[slot] = id[child];
            }
        }
    }

    /**
     * Numbers the builder's nodes in depth-first preorder, the root 0: a node's first child is the next number, so
     * that a walk down a chain of only children (the rest of an identifier no other shares) reads consecutive
     * entries of {@link #sole}.
     */
    private static int[] preorder(final Builder builder) {
        final int[] id = new int[builder.size];
        final int[] stack = new int[builder.size];
        int top = 0;
        int next = 0;
        stack[top++] = ROOT;
        while (top > 0) {
            final int node = stack[--top];
            id[node] = next++;
            for (int child = builder.firstChild[node]; child >= 0; child = builder.nextSibling[child]) {
                stack[top++] = child;
            }
        }
        return id;
    }

    private void setBit(final int bit) {
        final int b = bit & firstWordMask;
        firstWords[b >>> 6] |= 1L << b;
    }

    private boolean bit(final int bit) {
        final int b = bit & firstWordMask;
        return (firstWords[b >>> 6] & 1L << b) != 0;
    }

    /**
     * Whether some identifier may start with a word, given the {@link #wordHash} of the word: false means none
     * does; true means one may, and the table of first words tells.
     *
     * @param hash the hash of a whole word (a maximal run of word characters)
     * @return false if no identifier starts with that word
     */
    private boolean mayStartWith(final long hash) {
        return bit((int) hash) && bit((int) (hash >>> 32));
    }

    /**
     * The node at the end of an identifier's first word, if a word of a text is one.
     *
     * @param hash  the {@link #wordHash} of the word
     * @param text  the text
     * @param start where the word starts in the text
     * @param end   where it ends (exclusive): a maximal run of word characters
     * @return the word's entry, for {@link #wordNode} and {@link #mayContinue}, or -1 if no identifier starts with
     *         that word (case-folded)
     */
    int firstWord(final long hash, final CharSequence text, final int start, final int end) {
        if (!mayStartWith(hash)) {
            return -1;
        }
        for (int slot = (int) (hash >>> 40) & wordMask;; slot = (slot + 1) & wordMask) {
            final int at = slot * WORD_STRIDE;
            final long nodeAndStart = words[at + 1];
            if (nodeAndStart == FREE) {
                return -1;
            }
            if (words[at] == hash && sameWord((int) nodeAndStart, text, start, end)) {
                return at;
            }
        }
    }

    /**
     * The node at the end of a first word.
     *
     * @param word what {@link #firstWord} gave for the word
     * @return the node whose prefix is the word
     */
    int wordNode(final int word) {
        return (int) (words[word + 1] >>> 32);
    }

    /**
     * Whether some identifier goes on after a first word with a character, which is not a word character.
     *
     * @param word what {@link #firstWord} gave for the word
     * @param c    the character after the word in the text
     * @return false if no identifier does; true if one may, and a walk tells
     */
    boolean mayContinue(final int word, final char c) {
        return (words[word + 2] & nextBit(fold(c))) != 0;
    }

    /** One bit per ASCII character from space to {@code ^}; every other character shares the last bit. */
    private static long nextBit(final char c) {
        return 1L << (c >= ' ' && c < '_' ? c - ' ' : 63);
    }

    private boolean sameWord(final int from, final CharSequence text, final int start, final int end) {
        final int length = end - start;
        if (from + length >= wordChars.length || wordChars[from + length] != 0) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (wordChars[from + k] != fold(text.charAt(start + k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hash of a word, character by folded character: {@code wordHash(wordHash(WORD_SEED, a), b)} and so on.
     *
     * @param hash   the hash so far, {@link #WORD_SEED} at a word's start
     * @param folded the next character, case-folded
     * @return the hash with that character
     */
    static long wordHash(final long hash, final char folded) {
        return (hash ^ folded) * 0x9E3779B97F4A7C15L;
    }

    /** The {@link #wordHash} of the empty word. */
    static final long WORD_SEED = 0x2545F4914F6CDD1DL;

    /**
     * Whether a character belongs to a word: a letter, a digit or {@code _}. Whole-word matching is defined by it.
     *
     * @param c a character
     * @return true for a word character
     */
    static boolean isWordChar(final char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    private static long edge(final int node, final char c) {
        return (long) node << 16 | c;
    }

    private int slot(final long key) {
        final long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & edgeMask;
    }

    /**
     * The child of a node by a character.
     *
     * @param node   a node, {@link #ROOT} first
     * @param folded the next character, case-folded with {@link #fold}
     * @return the child, or -1 if no identifier continues the node's prefix with that character
     */
    int next(final int node, final char folded) {
        final int only = sole[node];
        if (only >= 0) {
            return only == folded ? node + 1 : -1;
        }
        if (only == LEAF) {
            return -1;
        }
        if (node == ROOT && folded < 128) {
            return rootAscii[folded];
        }
        final long key = edge(node, folded);
        for (int slot = slot(key);; slot = (slot + 1) & edgeMask) {
            final long k = edgeKey[slot];
            if (k == key) {
                return edgeChild[slot];
            }
            if (k == -1L) {
                return -1;
            }
        }
    }

    /**
     * The identifier that ends at a node.
     *
     * @param node a node
     * @return its index, in the order of {@link Builder#add}, or -1 if the node's prefix is no identifier
     */
    int pattern(final int node) {
        return output[node];
    }

    /**
     * The length of a pattern.
     *
     * @param pattern its index
     * @return its length in characters
     */
    int length(final int pattern) {
        return patternLength[pattern];
    }

    /**
     * Case folding of one character, the same for patterns and text, so that a match keeps the length of its
     * pattern and spans stay exact.
     *
     * @param c a character
     * @return its lower-case form
     */
    static char fold(final char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    /** Builds a trie; not thread-safe. */
    static final class Builder {
        private char[] label = new char[16];
        private int[] firstChild = new int[16];
        private int[] nextSibling = new int[16];
        private int[] output = new int[16];
        private int[] patternLength = new int[16];
        private long[] firstWordHashes = new long[16];
        private int[] firstWordNodes = new int[16];
        private int[] firstWordStarts = new int[16];
        private char[] firstWordChars = new char[64];
        private int firstWordCharCount;
        /** The nodes that end a first word already added. */
        private final BitSet wordEnds = new BitSet();
        private int firstWordCount;
        private int size = 1;
        private int patterns;

        Builder() {
            firstChild[ROOT] = -1;
            nextSibling[ROOT] = -1;
            output[ROOT] = -1;
        }

        /**
         * Adds a pattern, unless an equal one (after case folding) was added before.
         *
         * @param pattern a non-empty pattern
         * @return its index, or -1 if it was already there
         */
        int add(final CharSequence pattern) {
            int node = ROOT;
            int firstWordNode = -1;
            for (int i = 0; i < pattern.length(); i++) {
                final char c = fold(pattern.charAt(i));
                int child = firstChild[node];
                while (child >= 0 && label[child] != c) {
                    child = nextSibling[child];
                }
                if (child < 0) {
                    child = newNode(c);
                    nextSibling[child] = firstChild[node];
                    firstChild[node] = child;
                }
                node = child;
                if (firstWordNode < 0 && isWordChar(pattern.charAt(0))
                        && (i + 1 == pattern.length() || !isWordChar(pattern.charAt(i + 1)))) {
                    firstWordNode = node;
                }
            }
            if (node == ROOT || output[node] >= 0) {
                return -1;
            }
            if (patterns == patternLength.length) {
                patternLength = Arrays.copyOf(patternLength, patterns * 2);
            }
            patternLength[patterns] = pattern.length();
            output[node] = patterns;
            if (firstWordNode >= 0 && !wordEnds.get(firstWordNode)) {
                wordEnds.set(firstWordNode);
                addFirstWord(pattern, firstWordNode);
            }
            return patterns++;
        }

        private void addFirstWord(final CharSequence pattern, final int node) {
            int length = 0;
            long hash = WORD_SEED;
            while (length < pattern.length() && isWordChar(pattern.charAt(length))) {
                hash = wordHash(hash, fold(pattern.charAt(length)));
                length++;
            }
            if (firstWordCount == firstWordHashes.length) {
                firstWordHashes = Arrays.copyOf(firstWordHashes, firstWordCount * 2);
                firstWordNodes = Arrays.copyOf(firstWordNodes, firstWordCount * 2);
                firstWordStarts = Arrays.copyOf(firstWordStarts, firstWordCount * 2);
            }
            // Each word is followed by a 0, so that a longer word of the text cannot match it.
            while (firstWordCharCount + length + 1 > firstWordChars.length) {
                firstWordChars = Arrays.copyOf(firstWordChars, firstWordChars.length * 2);
            }
            firstWordHashes[firstWordCount] = hash;
            firstWordNodes[firstWordCount] = node;
            firstWordStarts[firstWordCount] = firstWordCharCount;
            firstWordCount++;
            for (int i = 0; i < length; i++) {
                firstWordChars[firstWordCharCount++] = fold(pattern.charAt(i));
            }
            firstWordChars[firstWordCharCount++] = 0;
        }

        private int newNode(final char c) {
            if (size == label.length) {
                final int capacity = size * 2;
                label = Arrays.copyOf(label, capacity);
                firstChild = Arrays.copyOf(firstChild, capacity);
                nextSibling = Arrays.copyOf(nextSibling, capacity);
                output = Arrays.copyOf(output, capacity);
            }
            label[size] = c;
            firstChild[size] = -1;
            nextSibling[size] = -1;
            output[size] = -1;
            return size++;
        }

        /**
         * The number of patterns added.
         *
         * @return the count
         */
        int patterns() {
            return patterns;
        }

        /**
         * Builds the trie.
         *
         * @return the trie
         */
        IdentifierTrie build() {
            return new IdentifierTrie(this);
        }
    }
}
