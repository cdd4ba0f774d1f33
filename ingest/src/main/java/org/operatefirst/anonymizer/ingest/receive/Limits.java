package org.operatefirst.anonymizer.ingest.receive;

/**
 * Bounds on what one request may make the receiver hold and produce.
 *
 * @param maxDecodedBytes the largest body after decompression (gzip, snappy), in bytes
 * @param maxRecordBytes  the largest record value, in bytes; larger lines or documents are refused
 * @param maxRecords      the most records (or remote_write series) one request may produce
 * @param maxJsonDepth    the deepest nesting of JSON objects and arrays accepted
 */
public record Limits(int maxDecodedBytes, int maxRecordBytes, int maxRecords, int maxJsonDepth) {

    /** Validates that every limit is positive. */
    public Limits {
        if (maxDecodedBytes <= 0 || maxRecordBytes <= 0 || maxRecords <= 0 || maxJsonDepth <= 0) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
    }
}
