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
    /** On published records: the tier that produced it ({@code sanitized} or {@code public}). */
    public static final String TIER = "anonymizer-tier";
    /** On published records: the version of the scrubber that rewrote it. */
    public static final String SCRUBBER_VERSION = "anonymizer-scrubber-version";
    /**
     * On public records only: the SPDX identifier of the dataset's license ({@link PublisherTopology#DATASET_LICENSE}).
     * Sanitized and quarantined records are not licensed for publication and carry no such header.
     */
    public static final String DATASET_LICENSE = "dataset-license";
    /** On published records: the version of the data policy it was scrubbed under. */
    public static final String POLICY_VERSION = "anonymizer-policy-version";
    /** On published records: what was rewritten, as {@code type=count} pairs, for example {@code email=2,ipv4=1}. */
    public static final String FINDINGS = "anonymizer-findings";
    /** The release epoch of the keys that made the record's pseudonyms: 0 on the sanitized tier, which never rotates. */
    public static final String KEY_EPOCH = "anonymizer-key-epoch";

    /**
     * On the service's canary records, raw and published: marks a synthetic record that the canaries inject, so
     * the publication policy can keep it out of the public tier ({@code publish.canaries}) and the canary monitor
     * can find it whatever the shape of the logs decoder.
     */
    public static final String CANARY = "anonymizer-canary";

    private RecordHeaderNames() {
    }
}
