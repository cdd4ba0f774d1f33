package org.operatefirst.anonymizer.ingest.receive;

import java.util.Objects;

/**
 * One record for a raw topic, as a receiver made it from a request.
 *
 * @param key         the record key (UTF-8 text that keeps related records on one partition), or null
 * @param value       the record value
 * @param contentType what the value is, for the {@code content-type} record header
 */
public record RawRecord(byte[] key, byte[] value, String contentType) {

    /** Content type of a record that holds one plain-text log line. */
    public static final String TEXT = "text/plain; charset=utf-8";
    /** Content type of a record that holds one JSON document on one line. */
    public static final String JSON = "application/json";
    /** Content type of a record that holds Prometheus text exposition lines of one series. */
    public static final String EXPOSITION = "text/plain; version=0.0.4; charset=utf-8";

    /** Validates the components. */
    public RawRecord {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(contentType, "contentType");
    }
}
