package org.operatefirst.anonymizer.publisher.policy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;

/**
 * The whole data policy of one policy file: how records are scrubbed, and what the public tier publishes.
 *
 * @param scrub          the {@code scrub} section (and the policy's version)
 * @param publish        the {@code publish} section
 * @param identitiesFile the {@code identities.file} key: the identity directory's file, if the policy names one
 */
public record DataPolicy(ScrubPolicy scrub, PublicationPolicy publish, Optional<Path> identitiesFile) {

    /** Validates the components. */
    public DataPolicy {
        Objects.requireNonNull(scrub, "scrub");
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(identitiesFile, "identitiesFile");
    }

    /**
     * A policy that names no identity directory.
     *
     * @param scrub   the {@code scrub} section
     * @param publish the {@code publish} section
     */
    public DataPolicy(final ScrubPolicy scrub, final PublicationPolicy publish) {
        this(scrub, publish, Optional.empty());
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
