package org.operatefirst.anonymizer.scrubbers.directory;

import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/** What one identifier of a person is, which decides how it is found and how its pseudonym is rendered. */
public enum IdentifierKind {
    /** A login name, such as {@code jdoe}: rendered as {@code u<token>}. */
    USERNAME(FindingType.USERNAME),
    /** An email address, such as {@code jdoe@example.org}: rendered as an email pseudonym. */
    EMAIL(FindingType.EMAIL),
    /** A display name, such as {@code Jane Doe}: anything with a space; rendered as {@code u<token>}. */
    DISPLAY_NAME(FindingType.PERSON_NAME);

    private final FindingType findingType;

    IdentifierKind(final FindingType findingType) {
        this.findingType = findingType;
    }

    /**
     * The type of a finding of this kind of identifier in text.
     *
     * @return {@link FindingType#USERNAME}, {@link FindingType#EMAIL} or {@link FindingType#PERSON_NAME}
     */
    public FindingType findingType() {
        return findingType;
    }

    /**
     * Classifies an identifier: an email address has one {@code @} with text before it and a dotted domain after
     * it; a display name holds whitespace; anything else is a user name.
     *
     * @param identifier the identifier, stripped
     * @return its kind
     */
    public static IdentifierKind of(final String identifier) {
        final int at = identifier.indexOf('@');
        if (at > 0 && identifier.indexOf('@', at + 1) < 0) {
            final int dot = identifier.indexOf('.', at + 1);
            if (dot > at + 1 && dot < identifier.length() - 1 && noWhitespace(identifier)) {
                return EMAIL;
            }
        }
        return noWhitespace(identifier) ? USERNAME : DISPLAY_NAME;
    }

    private static boolean noWhitespace(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
