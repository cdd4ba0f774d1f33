/**
 * Prometheus remote_write 1.0: a hand-written, bounded decoder of the snappy block format and of the protobuf
 * {@code WriteRequest}, and the conversion of each series to Prometheus text exposition lines, the format the
 * publisher scrubs metrics in.
 */
package org.operatefirst.anonymizer.ingest.remotewrite;
