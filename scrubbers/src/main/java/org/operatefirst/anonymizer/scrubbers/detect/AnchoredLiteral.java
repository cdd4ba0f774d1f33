package org.operatefirst.anonymizer.scrubbers.detect;

/**
 * A literal searched in a {@link String} by one character, its anchor: {@link String#indexOf(int, int)} finds the
 * anchor and each hit is checked for the literal around it. The JVM vectorises both searches, but a search of one
 * character costs a fraction of a search of a string, so a literal with a character that is rare in operational text
 * ({@code j} of {@code jupyter-}, {@code ~} of {@code sha256~}) is found, or found absent, for less. The anchor may
 * also lie after the literal, for a shape such as {@code gh?_} (the literal {@code gh}, the anchor {@code _} three
 * characters after its start).
 *
 * @param literal the literal, not empty
 * @param anchor  the character searched
 * @param offset  where the anchor lies, counted from the literal's start; -1 to search the literal as a string
 */
record AnchoredLiteral(String literal, char anchor, int offset) {

    /**
     * Characters rarely seen in log lines, metrics and events, rarest first: a literal is searched by the first of
     * them it holds. A choice of speed only; every choice finds the same occurrences.
     */
    private static final String RARE = "~`^|$!\\jqzJQZxXkKvVwWyY_";

    /** Validates the anchor. */
    AnchoredLiteral {
        if (literal.isEmpty()) {
            throw new IllegalArgumentException("an anchored literal cannot be empty");
        }
        if (offset < -1 || offset >= 0 && offset < literal.length() && literal.charAt(offset) != anchor) {
            throw new IllegalArgumentException("'" + anchor + "' is not at " + offset + " in " + literal);
        }
    }

    /**
     * The literal, searched by its rarest character if it has one of {@link #RARE}, else as a string.
     *
     * @param literal the literal, not empty
     * @return the search
     */
    static AnchoredLiteral of(final String literal) {
        if (literal.isEmpty()) {
            throw new IllegalArgumentException("an anchored literal cannot be empty");
        }
        for (int r = 0; r < RARE.length(); r++) {
            final int at = literal.indexOf(RARE.charAt(r));
            if (at >= 0) {
                return new AnchoredLiteral(literal, RARE.charAt(r), at);
            }
        }
        return new AnchoredLiteral(literal, literal.charAt(0), literal.length() == 1 ? 0 : -1);
    }

    /**
     * The literal, searched by the first occurrence in it of a character.
     *
     * @param literal the literal, not empty
     * @param anchor  a character of the literal
     * @return the search
     * @throws IllegalArgumentException if the literal does not hold the anchor
     */
    static AnchoredLiteral of(final String literal, final char anchor) {
        final int offset = literal.indexOf(anchor);
        if (offset < 0) {
            throw new IllegalArgumentException("'" + anchor + "' is not in " + literal);
        }
        return new AnchoredLiteral(literal, anchor, offset);
    }

    /**
     * The start of the first occurrence at or after {@code from}: of the literal, with the anchor at its offset.
     *
     * @param text the text
     * @param from where the occurrence may start, at the earliest
     * @return the index, or -1 if there is none
     */
    int next(final String text, final int from) {
        if (offset < 0) {
            return text.indexOf(literal, from);
        }
        int anchorAt = text.indexOf(anchor, from + offset);
        while (anchorAt >= 0 && !text.startsWith(literal, anchorAt - offset)) {
            anchorAt = text.indexOf(anchor, anchorAt + 1);
        }
        return anchorAt < 0 ? -1 : anchorAt - offset;
    }
}
