package org.operatefirst.anonymizer.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;

/**
 * Topic names and how missing topics are created at start-up.
 *
 * @param rawPrefix         {@code anonymizer.topics.raw-prefix}, default {@code raw.}
 * @param sanitizedPrefix   {@code anonymizer.topics.sanitized-prefix}, default {@code sanitized.}
 * @param publicPrefix      {@code anonymizer.topics.public-prefix}, default {@code public.}
 * @param quarantine        {@code anonymizer.topics.quarantine}, default {@code quarantine}
 * @param identities        {@code anonymizer.topics.identities}: the compacted identity directory, default
 *                          {@code identities}
 * @param consent           {@code anonymizer.topics.consent}: the compacted consent table, default {@code consent}
 * @param partitions        {@code anonymizer.topics.partitions}: partitions of topics created at start-up,
 *                          default 3
 * @param replicationFactor {@code anonymizer.topics.replication-factor}: replication of topics created at
 *                          start-up; -1 (the default) takes the broker's default
 */
@ConfigurationProperties("anonymizer.topics")
public record TopicsConfiguration(
        @Bindable(defaultValue = "raw.") String rawPrefix,
        @Bindable(defaultValue = "sanitized.") String sanitizedPrefix,
        @Bindable(defaultValue = "public.") String publicPrefix,
        @Bindable(defaultValue = "quarantine") String quarantine,
        @Bindable(defaultValue = "identities") String identities,
        @Bindable(defaultValue = "consent") String consent,
        @Bindable(defaultValue = "3") int partitions,
        @Bindable(defaultValue = "-1") short replicationFactor) {

    /** Validates the counts. */
    public TopicsConfiguration {
        if (partitions < 1) {
            throw new IllegalArgumentException("anonymizer.topics.partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException("anonymizer.topics.replication-factor must be -1 (broker default) "
                    + "or at least 1, got " + replicationFactor);
        }
    }

    /**
     * The topic names this configuration describes.
     *
     * @return the names, validated
     */
    public TopicNames names() {
        return new TopicNames(rawPrefix, sanitizedPrefix, publicPrefix, quarantine, identities, consent);
    }
}
