package org.operatefirst.anonymizer.scrubbers;

import java.util.Locale;
import java.util.Optional;

/**
 * An audience of the output. Each tier pseudonymizes under its own derived key, so the tiers cannot be joined.
 */
public enum Tier {
    /** Operators: every record, secrets removed, people pseudonymized. */
    SANITIZED,
    /** Researchers: the open dataset, only what the data policy allows. */
    PUBLIC;

    /**
     * The lower-case name used in topic names, key derivation and on the command line.
     *
     * @return for example {@code "public"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The tier of a label, ignoring case.
     *
     * @param label for example {@code "public"}
     * @return the tier, or empty if no tier has that label
     */
    public static Optional<Tier> fromLabel(final String label) {
        for (final Tier tier : values()) {
            if (tier.label().equalsIgnoreCase(label)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
