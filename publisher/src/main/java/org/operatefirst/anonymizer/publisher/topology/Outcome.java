package org.operatefirst.anonymizer.publisher.topology;

import java.util.Map;
import java.util.Objects;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * What became of one raw record: published (to the sanitized tier always, to the public tier where the publication
 * policy allows), or quarantined. Never both.
 */
sealed interface Outcome permits Outcome.Published, Outcome.Quarantined {

    /**
     * The record was scrubbed for the sanitized tier, and for the public tier unless it is withheld there.
     *
     * @param tiers          the rewritten record per tier that publishes it
     * @param publicWithheld why the public tier does not publish it, or null if it does
     */
    record Published(Map<Tier, Rewritten> tiers, String publicWithheld) implements Outcome {
        public Published {
            tiers = Map.copyOf(tiers);
            if (!tiers.containsKey(Tier.SANITIZED)) {
                throw new IllegalArgumentException("no output for the sanitized tier");
            }
            if (tiers.containsKey(Tier.PUBLIC) == (publicWithheld != null)) {
                throw new IllegalArgumentException("the public tier must either have an output or a reason");
            }
        }

        /**
         * The output of one tier.
         *
         * @param tier the tier
         * @return the rewritten record, or null if the tier does not publish it
         */
        Rewritten forTier(final Tier tier) {
            return tiers.get(tier);
        }
    }

    /**
     * The record must not be published.
     *
     * @param reason   short machine-readable reason
     * @param detail   human-readable explanation, free of record data
     * @param original the raw value as it was read, kept for the restricted quarantine topic
     */
    record Quarantined(String reason, String detail, byte[] original) implements Outcome {
        public Quarantined {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * One tier's version of a record.
     *
     * @param key      the scrubbed key, or {@code null} if the record had none
     * @param value    the scrubbed value
     * @param findings what the scrubber rewrote in key and value
     */
    record Rewritten(byte[] key, byte[] value, FindingCounts findings) {
        public Rewritten {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(findings, "findings");
        }
    }
}
