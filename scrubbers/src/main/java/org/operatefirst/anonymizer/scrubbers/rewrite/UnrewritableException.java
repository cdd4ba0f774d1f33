package org.operatefirst.anonymizer.scrubbers.rewrite;

/**
 * A detected value could not be rewritten, or a record could not be parsed in its format: the record must not be
 * published. The message names the reason and a position, never record data. Thrown inside the engine only; the
 * {@link org.operatefirst.anonymizer.scrubbers.Scrubber} turns it into a failed result.
 */
public final class UnrewritableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * Creates the exception.
     *
     * @param reason a short, stable, machine-readable reason, for example {@code not-json}
     * @param detail a human-readable explanation without record data
     */
    public UnrewritableException(final String reason, final String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /**
     * The machine-readable reason.
     *
     * @return for example {@code unrewritable-finding}
     */
    public String reason() {
        return reason;
    }
}
