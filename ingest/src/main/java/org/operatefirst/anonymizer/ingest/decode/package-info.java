/**
 * Decoders of what collectors write into the raw topics. A decoder turns raw bytes into text the scrubbers can
 * read, or rejects the value with a reason, so the caller can quarantine it. Decoders never throw on data.
 */
package org.operatefirst.anonymizer.ingest.decode;
