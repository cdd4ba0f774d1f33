package org.operatefirst.anonymizer.ingest.decode;

import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * The decoder the publisher applies to each raw topic's values ({@code anonymizer.decoders.<kind>}). The publisher
 * provides it; the HTTP receivers ask it, before producing, whether the records of a request would be quarantined,
 * so a collector learns it from the answer instead of from the quarantine.
 */
@FunctionalInterface
public interface RawDecoders {

    /**
     * The decoder of a kind's raw values.
     *
     * @param kind the record kind
     * @return the decoder the publisher uses for it
     */
    RecordDecoder of(RecordKind kind);
}
