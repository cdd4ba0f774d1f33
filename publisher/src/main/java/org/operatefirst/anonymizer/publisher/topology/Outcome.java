package org.operatefirst.anonymizer.publisher.topology;

import java.util.Map;
import java.util.Objects;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.Tier;

/** What became of one raw record: published to every tier, or quarantined. Never both. */
sealed interface Outcome permits Outcome.Published, Outcome.Quarantined {

    /**
     * The record was scrubbed for every tier.
     *
     * @param tiers the rewritten record per tier
     */
    record Published(Map<Tier, Rewritten> tiers) implements Outcome {
        public Published {
            tiers = Map.copyOf(tiers);
            for (final Tier tier : Tier.values()) {
                if (!tiers.containsKey(tier)) {
                    throw new IllegalArgumentException("no output for tier " + tier);
                }
            }
        }

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
