package org.operatefirst.anonymizer.publisher.topology;

import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * What the topology counts, as it happens. The service records it in Micrometer ({@code /prometheus}); tests use
 * {@link #NONE} or their own. Implementations are thread-safe and never throw.
 */
public interface TopologyMetrics {

    /** Counts nothing. */
    TopologyMetrics NONE = new TopologyMetrics() {
    };

    /**
     * A raw record was read.
     *
     * @param topic the raw topic
     */
    default void recordIn(final String topic) {
    }

    /**
     * A record was written to a tier.
     *
     * @param tier     the tier
     * @param kind     the record kind
     * @param findings what was rewritten in it
     * @param latencyMs milliseconds from the raw record's timestamp to its publication
     */
    default void published(final Tier tier, final RecordKind kind, final FindingCounts findings,
            final long latencyMs) {
    }

    /**
     * The public tier withheld a record, or part of one, under the publication policy.
     *
     * @param kind   the record kind
     * @param reason why
     */
    default void withheld(final RecordKind kind, final String reason) {
    }

    /**
     * A record went to quarantine.
     *
     * @param reason the quarantine reason
     */
    default void quarantined(final String reason) {
    }

    /**
     * The leak guard stopped a record.
     *
     * @param tier the tier whose output leaked
     * @param type the type of the leaked value, for example {@code email}
     */
    default void leakBlocked(final Tier tier, final String type) {
    }

    /**
     * The leak guard found a value in an output, and the record, scrubbed once more knowing it, passed: the record
     * is published, not quarantined.
     *
     * @param tier the tier whose output leaked at first
     * @param type the type of the value, for example {@code username}
     */
    default void leakCorrected(final Tier tier, final String type) {
    }
}
