package org.operatefirst.anonymizer.ingest.http;

import java.util.List;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.receive.RawRecord;

/**
 * Runs the publisher's decoder of a raw topic over the records a request made, before they are produced: a record
 * the decoder rejects would go to quarantine, and nowhere else, after the collector was told it was accepted. The
 * whole request is refused then, with the decoder's reason, as for malformed input: nothing of it is produced.
 */
final class QuarantineCheck {

    /** The {@code error} of the answer. */
    static final String WOULD_BE_QUARANTINED = "would_be_quarantined";

    private QuarantineCheck() {
    }

    /**
     * The first record the decoder rejects, if any.
     *
     * @param decoder the publisher's decoder of the records' raw topic
     * @param records the records of one request
     * @return the rejection, or null if the decoder reads every record
     */
    static Rejection firstRejected(final RecordDecoder decoder, final List<RawRecord> records) {
        for (int i = 0; i < records.size(); i++) {
            if (decoder.decode(records.get(i).value()) instanceof DecodeResult.Rejected rejected) {
                return new Rejection(rejected.reason(), "record " + (i + 1) + " of " + records.size()
                        + " would be quarantined: " + rejected.detail());
            }
        }
        return null;
    }

    /**
     * Why a request's records would be quarantined.
     *
     * @param reason the decoder's reason, as the {@code quarantine-reason} header would carry it
     * @param detail which record, and the decoder's explanation (never record data)
     */
    record Rejection(String reason, String detail) {
    }
}
