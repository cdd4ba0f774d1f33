package org.operatefirst.anonymizer.publisher.export;

/** An export that stopped because it would have read something that is not public data, or found nothing to read. */
public final class ExportRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming topics and offsets only
     */
    public ExportRefusedException(final String message) {
        super(message);
    }
}
