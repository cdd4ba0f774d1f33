package org.operatefirst.anonymizer.publisher.topology;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Everything the topology is built from: validated once, immutable. The service builds it from configuration;
 * tests build the same record directly.
 *
 * @param topics        the topic names
 * @param scrubbers     one scrubber per tier, each with its own key
 * @param decoder       the decoder of raw values
 * @param policyVersion the data policy's version, written into the provenance of every output record
 * @param publication   what the public tier publishes
 */
public record TopologySettings(TopicNames topics, Map<Tier, Scrubber> scrubbers, TextDecoder decoder,
        String policyVersion, PublicationPolicy publication) {

    /** Validates that every tier has a scrubber. */
    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(publication, "publication");
        final EnumMap<Tier, Scrubber> copy = new EnumMap<>(Tier.class);
        copy.putAll(Objects.requireNonNull(scrubbers, "scrubbers"));
        for (final Tier tier : Tier.values()) {
            if (copy.get(tier) == null) {
                throw new IllegalArgumentException("no scrubber for tier " + tier.label());
            }
        }
        scrubbers = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Settings under the default publication policy.
     *
     * @param topics        the topic names
     * @param scrubbers     one scrubber per tier, each with its own key
     * @param decoder       the decoder of raw values
     * @param policyVersion the data policy's version
     */
    public TopologySettings(final TopicNames topics, final Map<Tier, Scrubber> scrubbers, final TextDecoder decoder,
            final String policyVersion) {
        this(topics, scrubbers, decoder, policyVersion, PublicationPolicy.defaults());
    }
}
