package org.operatefirst.anonymizer.scrubbers.directory;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over case-folded characters (A. V. Aho, M. J. Corasick, CACM 18(6), 1975): finds every
 * occurrence of any of its patterns in one pass over a text, in time linear in the text plus the matches reported,
 * whatever the number of patterns.
 *
 * <p>The trie is stored in arrays, each node's children as a linked list (first child, next sibling), with a
 * dense table for the ASCII children of the root, where most of the fan-out is. Failure links are computed
 * breadth-first; each node also links to the nearest node on its failure chain at which a pattern ends, so that
 * reporting costs one step per match. Immutable once built; thread-safe.
 */
final class AhoCorasick {

    /** Receives matches. */
    @FunctionalInterface
    interface Sink {
        /**
         * One occurrence of a pattern.
         *
         * @param end     index after the last character of the occurrence
         * @param pattern the pattern's index, in the order of {@link Builder#add}
         * @return true to hear of the shorter patterns that end at the same index too, false to skip them
         */
        boolean match(int end, int pattern);
    }

    private static final int ROOT = 0;

    private final char[] label;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final int[] fail;
    private final int[] output;
    private final int[] outputLink;
    private final int[] rootAscii;
    private final int[] patternLength;
    /** Edge {@code (node, c)} as {@code node << 16 | c}, or -1 for a free slot; the child is in {@link #edgeChild}. */
    private final long[] edgeKey;
    private final int[] edgeChild;
    private final int edgeMask;

    private AhoCorasick(final Builder builder) {
        final int n = builder.size;
        this.label = Arrays.copyOf(builder.label, n);
        this.firstChild = Arrays.copyOf(builder.firstChild, n);
        this.nextSibling = Arrays.copyOf(builder.nextSibling, n);
        this.output = Arrays.copyOf(builder.output, n);
        this.patternLength = Arrays.copyOf(builder.patternLength, builder.patterns);
        this.fail = new int[n];
        this.outputLink = new int[n];
        this.rootAscii = new int[128];
        Arrays.fill(rootAscii, ROOT);
        for (int child = firstChild[ROOT]; child >= 0; child = nextSibling[child]) {
            if (label[child] < 128) {
                rootAscii[label[child]] = child;
            }
        }
        link();
        int slots = 2;
        while (slots < 2 * n) {
            slots <<= 1;
        }
        this.edgeKey = new long[slots];
        this.edgeChild = new int[slots];
        this.edgeMask = slots - 1;
        Arrays.fill(edgeKey, -1L);
        for (int node = 0; node < n; node++) {
            for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
                final long key = edge(node, label[child]);
                int slot = slot(key);
                while (edgeKey[slot] != -1L) {
                    slot = (slot + 1) & edgeMask;
                }
                edgeKey[slot] = key;
                edgeChild[slot] = child;
            }
        }
    }

    private static long edge(final int node, final char c) {
        return (long) node << 16 | c;
    }

    private int slot(final long key) {
        final long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & edgeMask;
    }

    /** The child of a node by a character, from the edge table. */
    private int edgeTo(final int node, final char c) {
        final long key = edge(node, c);
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

    /** Breadth-first: the failure link of a node is the longest proper suffix of its path that is in the trie. */
    private void link() {
        final int[] queue = new int[label.length];
        int head = 0;
        int tail = 0;
        outputLink[ROOT] = -1;
        for (int child = firstChild[ROOT]; child >= 0; child = nextSibling[child]) {
            fail[child] = ROOT;
            outputLink[child] = -1;
            queue[tail++] = child;
        }
        while (head < tail) {
            final int node = queue[head++];
            for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
                int f = fail[node];
                int next = child(f, label[child]);
                while (next < 0 && f != ROOT) {
                    f = fail[f];
                    next = child(f, label[child]);
                }
                fail[child] = next < 0 ? ROOT : next;
                final int target = fail[child];
                outputLink[child] = output[target] >= 0 ? target : outputLink[target];
                queue[tail++] = child;
            }
        }
    }

    private int childOf(final int node, final char c) {
        for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
            if (label[child] == c) {
                return child;
            }
        }
        return -1;
    }

    private int child(final int node, final char c) {
        if (node == ROOT && c < 128) {
            return rootAscii[c] == ROOT ? -1 : rootAscii[c];
        }
        return childOf(node, c);
    }

    private int step(final int node, final char c) {
        int state = node;
        while (true) {
            if (state == ROOT) {
                if (c < 128) {
                    return rootAscii[c];
                }
                final int next = edgeTo(ROOT, c);
                return next < 0 ? ROOT : next;
            }
            final int next = edgeTo(state, c);
            if (next >= 0) {
                return next;
            }
            state = fail[state];
        }
    }

    /**
     * Reports every occurrence of every pattern in the text, by increasing end; of the patterns that end at one
     * index, the longest first, until the sink declines the rest.
     *
     * @param text the text
     * @param sink receives the matches
     */
    void scan(final CharSequence text, final Sink sink) {
        int state = ROOT;
        final int n = text.length();
        for (int i = 0; i < n; i++) {
            state = step(state, fold(text.charAt(i)));
            for (int node = output[state] >= 0 ? state : outputLink[state]; node >= 0; node = outputLink[node]) {
                if (!sink.match(i + 1, output[node])) {
                    break;
                }
            }
        }
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

    /** Builds an automaton; not thread-safe. */
    static final class Builder {
        private char[] label = new char[16];
        private int[] firstChild = new int[16];
        private int[] nextSibling = new int[16];
        private int[] output = new int[16];
        private int[] patternLength = new int[16];
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
            }
            if (node == ROOT || output[node] >= 0) {
                return -1;
            }
            if (patterns == patternLength.length) {
                patternLength = Arrays.copyOf(patternLength, patterns * 2);
            }
            patternLength[patterns] = pattern.length();
            output[node] = patterns;
            return patterns++;
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
         * Builds the automaton.
         *
         * @return the automaton
         */
        AhoCorasick build() {
            return new AhoCorasick(this);
        }
    }
}
