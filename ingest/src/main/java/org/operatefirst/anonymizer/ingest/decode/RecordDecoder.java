package org.operatefirst.anonymizer.ingest.decode;

/**
 * Turns the value of a record that a collector wrote straight into a raw topic into the text the scrubbers read.
 * Each implementation documents the fields it reads and what text it gives back. A value of an unknown shape is
 * {@link DecodeResult.Rejected rejected} with a reason, so the publisher quarantines it; nothing throws on data.
 *
 * <p>A record may hold many items (OpenTelemetry batches many log records or data points into one): such a
 * decoder gives back one line per item, so that the scrubbers see every item and the publisher's one output
 * record keeps them apart.
 */
public interface RecordDecoder {

    /**
     * Decodes one record value.
     *
     * @param value the raw bytes, possibly {@code null}
     * @return the text to scrub, or why the value is rejected
     */
    DecodeResult decode(byte[] value);
}
