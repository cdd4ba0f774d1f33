package org.operatefirst.anonymizer.publisher.topology;

/** Names of the Kafka record headers the service writes. */
public final class RecordHeaderNames {

    /** On quarantined records: why the record was quarantined, a short machine-readable reason. */
    public static final String QUARANTINE_REASON = "quarantine-reason";
    /** On quarantined records: a human-readable explanation, never containing record data. */
    public static final String QUARANTINE_DETAIL = "quarantine-detail";
    /** On quarantined records: the topic the record was read from. */
    public static final String SOURCE_TOPIC = "source-topic";
    /** On quarantined records: the partition the record was read from. */
    public static final String SOURCE_PARTITION = "source-partition";
    /** On quarantined records: the offset the record was read from. */
    public static final String SOURCE_OFFSET = "source-offset";
    /**
     * On published records: their provenance, one compact header ({@link ProvenanceStamp}):
     * {@code <tier>/<key epoch>/<scrubber version>/<license>/<policy version>}, for example
     * {@code p/2026/0.3.0/CDLA-Permissive-2.0/default-1} on the public tier and {@code s/0/0.3.0//default-1} on the
     * sanitized one, which carries no license (ADR-0023).
     */
    public static final String PROVENANCE = "ap";
    /**
     * On published records in which something was rewritten: what, as {@code type=count} pairs, for example
     * {@code email=2,ipv4=1}. Absent where nothing was.
     */
    public static final String FINDINGS = "af";
    /**
     * On the service's canary records, raw and published: marks a synthetic record that the canaries inject, so
     * the publication policy can keep it out of the public tier ({@code publish.canaries}) and the canary monitor
     * can find it whatever the shape of the logs decoder.
     */
    public static final String CANARY = "anonymizer-canary";

    private RecordHeaderNames() {
    }
}
