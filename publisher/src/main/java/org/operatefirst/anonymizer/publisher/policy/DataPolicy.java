package org.operatefirst.anonymizer.publisher.policy;

import java.util.Objects;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;

/**
 * The whole data policy of one policy file: how records are scrubbed, and what the public tier publishes.
 *
 * @param scrub   the {@code scrub} section (and the policy's version)
 * @param publish the {@code publish} section
 */
public record DataPolicy(ScrubPolicy scrub, PublicationPolicy publish) {

    /** Validates the components. */
    public DataPolicy {
        Objects.requireNonNull(scrub, "scrub");
        Objects.requireNonNull(publish, "publish");
    }

    /**
     * The policy's version, written into the provenance of every output record.
     *
     * @return the version
     */
    public String version() {
        return scrub.version();
    }
}
