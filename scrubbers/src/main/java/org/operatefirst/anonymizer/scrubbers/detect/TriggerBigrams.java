package org.operatefirst.anonymizer.scrubbers.detect;

/**
 * One pass over a text that notes which of a set of two-character triggers it holds, as bits of a {@code long}, so
 * that a detector skips the rules whose triggers are absent without searching for each of their literals. Two
 * characters are chosen per literal so that ordinary operational text rarely holds them ({@code xo} of
 * {@code xoxb-}, {@code nv} of {@code invalid user}); one more bit, {@link #DIGIT_DOT_LETTER}, marks a digit, a dot
 * and a letter in a row, where a dotted address runs into a host name; two more, {@link #SEPARATORS_BY_THREE} and
 * {@link #DOTS_BY_FIVE}, mark the separators of a MAC address; {@link #AT_SIGN} an {@code @}, and {@link #SLASH_DIGIT} a {@code /}
 * before a digit.
 *
 * <p>The detectors of one scrubber run one after another on the same text: the last text's bits are kept per
 * thread, compared by identity, so the pass is made once per text. Thread-safe.
 */
final class TriggerBigrams {

    /** A digit, a dot and a letter in a row ({@code 9.s} of {@code 198.51.100.9.static}). */
    static final long DIGIT_DOT_LETTER = 1L << 63;
    /**
     * Three colons, or three hyphens, three characters apart ({@code :bb:cc:} of {@code aa:bb:cc:dd:ee:ff}): more
     * than a time ({@code 10:02:42}) or a date ({@code 2021-05-05}) holds.
     */
    static final long SEPARATORS_BY_THREE = 1L << 62;
    /** Two dots five characters apart ({@code .ccdd.} of {@code aabb.ccdd.eeff}). */
    static final long DOTS_BY_FIVE = 1L << 61;
    /** An {@code @} before anything. */
    static final long AT_SIGN = 1L << 60;
    /** A {@code /} before a digit ({@code jdoe/192.0.2.1:1194}). */
    static final long SLASH_DIGIT = 1L << 59;

    private static final String[] BIGRAMS = {
        // LoginContextDetector
        "Fa", "Ac", "Po", "nv", "ss", "r=", "e=", "i=", "] ", "Le", " [", "e/", "r-", "Us", "'s", "Cu", "xy",
        "o:", "(u", "Ne", " \"", "St", "Co", "Di", "xc", "x-", "MD", "(t", "FA", " '", "t=",
        // TokenShapeDetector
        "xo", "Iz", "lp", "m_", "Ba", "d=", "n=", "D=", "N=", ":/", "ws", "WS", "Ws",
        // EmbeddedIpDetector
        "p-", "P-",
        // ObfuscatedEmailDetector
        "&#", "\\u", "(a", "(A", "[a", "[A",
    };
    /**
     * The bits of the triggers that start, and that end, with each ASCII character: one bit is one trigger, so
     * {@code FIRST[a] & SECOND[b]} is exactly the trigger {@code ab}'s bit, or none, from two tables small enough
     * to stay in the first-level cache.
     */
    private static final long[] FIRST = new long[128];
    private static final long[] SECOND = new long[128];

    static {
        if (BIGRAMS.length > 59) {
            throw new ExceptionInInitializerError("more triggers than the bits below the special ones");
        }
        for (int b = 0; b < BIGRAMS.length; b++) {
            FIRST[BIGRAMS[b].charAt(0)] |= 1L << b;
            SECOND[BIGRAMS[b].charAt(1)] |= 1L << b;
        }
        // No trigger starts with '@': its bit in FIRST meets every second character's, and no other first's.
        FIRST['@'] |= AT_SIGN;
        for (int c = 0; c < SECOND.length; c++) {
            SECOND[c] |= AT_SIGN;
        }
        // No trigger starts with '/' either.
        FIRST['/'] |= SLASH_DIGIT;
        for (char c = '0'; c <= '9'; c++) {
            SECOND[c] |= SLASH_DIGIT;
        }
    }

    private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

    /** One thread's last text and its bits. */
    private static final class Last {
        private String text;
        private long mask;
    }

    private TriggerBigrams() {
    }

    /**
     * The bit of a trigger.
     *
     * @param bigram one of the triggers
     * @return its bit
     */
    static long bit(final String bigram) {
        for (int b = 0; b < BIGRAMS.length; b++) {
            if (BIGRAMS[b].equals(bigram)) {
                return 1L << b;
            }
        }
        throw new IllegalArgumentException("not a trigger: " + bigram);
    }

    /**
     * The triggers a text holds.
     *
     * @param text the text
     * @return the bits of the triggers it holds
     */
    static long of(final String text) {
        final Last last = LAST.get();
        if (last.text == text) {
            return last.mask;
        }
        long mask = 0;
        char prev2 = 0;
        char prev = 0;
        // The last ':' or '-', which one it was, how many before it were three apart in a row; the last '.'.
        int separatorAt = -8;
        char separator = 0;
        int byThree = 0;
        int dotAt = -8;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == ':' || c == '-') {
                byThree = c == separator && i - separatorAt == 3 ? byThree + 1 : 0;
                if (byThree >= 2) {
                    mask |= SEPARATORS_BY_THREE;
                }
                separatorAt = i;
                separator = c;
            } else if (c == '.') {
                if (i - dotAt == 5) {
                    mask |= DOTS_BY_FIVE;
                }
                dotAt = i;
            }
            if (c < 128 && prev < 128) {
                mask |= FIRST[prev] & SECOND[c];
                if (prev == '.' && prev2 >= '0' && prev2 <= '9' && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    mask |= DIGIT_DOT_LETTER;
                }
            }
            prev2 = prev;
            prev = c;
        }
        last.text = text;
        last.mask = mask;
        return mask;
    }
}
