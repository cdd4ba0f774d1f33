package org.operatefirst.anonymizer.publisher.dryrun;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.publisher.config.KeysConfiguration;
import org.operatefirst.anonymizer.publisher.config.ScrubConfiguration;
import org.operatefirst.anonymizer.publisher.topology.TopologySettings;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * The scrubbers of the dry run: built like the topology's, from the same data policy, identity directory, tiers,
 * epochs, value decoders and record size limit, but under a master secret drawn at start-up that never leaves this process (ADR-0016). A dry run
 * therefore finds and rewrites exactly what the topology finds and rewrites, in the same shapes, while its
 * pseudonyms match nothing ever published: the endpoint cannot be used to look up whether a person's email or
 * address is in the dataset.
 */
@Singleton
final class DryRunScrubbers {

    /** The sanitized tier's keys never rotate; the same constant as the topology's. */
    private static final int SANITIZED_EPOCH = 0;

    private final Map<Tier, Scrubber> scrubbers;
    private final TopologySettings topology;
    private final int maxRecordBytes;

    DryRunScrubbers(final ScrubPolicy policy, final IdentityDirectory directory, final KeysConfiguration keys,
            final ScrubConfiguration scrub, final TopologySettings topology) {
        final byte[] secret = new byte[MasterSecret.MIN_LENGTH];
        new SecureRandom().nextBytes(secret);
        final MasterSecret ephemeral;
        try {
            ephemeral = MasterSecret.of(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        final Map<Tier, Scrubber> byTier = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            final int epoch = switch (tier) {
                case SANITIZED -> SANITIZED_EPOCH;
                case PUBLIC -> keys.epoch();
            };
            byTier.put(tier, Scrubber.create(ephemeral, tier, epoch, policy, directory));
        }
        this.scrubbers = Collections.unmodifiableMap(byTier);
        this.maxRecordBytes = scrub.maxRecordBytes();
        this.topology = topology;
    }

    Scrubber forTier(final Tier tier) {
        return scrubbers.get(tier);
    }

    /** The decoder the topology uses for a kind's raw values ({@code anonymizer.decoders.<kind>}). */
    RecordDecoder decoder(final RecordKind kind) {
        return topology.valueDecoder(kind);
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }
}
