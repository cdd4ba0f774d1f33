package org.operatefirst.anonymizer.scrubbers.detect;

/**
 * A span of text that a detector identified: the only thing detection and redaction share.
 *
 * @param type  what was found
 * @param start index of the first character, inclusive
 * @param end   index after the last character, exclusive
 */
public record Finding(FindingType type, int start, int end) {

    /** Validates the span. */
    public Finding {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
    }

    /**
     * The length of the span.
     *
     * @return {@code end - start}
     */
    public int length() {
        return end - start;
    }
}
