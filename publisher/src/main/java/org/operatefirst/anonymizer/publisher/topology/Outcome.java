package org.operatefirst.anonymizer.publisher.topology;

import java.util.List;
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
     * @param sanitized      the sanitized tier's version
     * @param open           the public tier's version, or null if it is withheld
     * @param publicWithheld why the public tier does not publish it, or null if it does
     */
    record Published(Rewritten sanitized, Rewritten open, String publicWithheld) implements Outcome {

        /** Validates that the public tier has exactly one of an output and a reason. */
        public Published {
            Objects.requireNonNull(sanitized, "sanitized");
            if ((open == null) == (publicWithheld == null)) {
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
            return switch (tier) {
                case SANITIZED -> sanitized;
                case PUBLIC -> open;
            };
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
     * @param findings what the scrubber rewrote in key, value and passed headers
     * @param headers  the passed incoming headers, their values scrubbed, in their order
     */
    record Rewritten(byte[] key, byte[] value, FindingCounts findings, List<Map.Entry<String, byte[]>> headers) {
        public Rewritten {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(findings, "findings");
            headers = List.copyOf(headers);
        }
    }
}
