package org.operatefirst.anonymizer.publisher.topology;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.operatefirst.anonymizer.ingest.decode.Decoders;
import org.operatefirst.anonymizer.ingest.decode.RawDecoders;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.config.KeysConfiguration;
import org.operatefirst.anonymizer.publisher.config.ScrubConfiguration;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.publisher.policy.IdentitySource;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.scrubbers.LeakGuard;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;

/** Builds the topology from configuration; all logic lives in {@link PublisherTopology}. */
@Factory
final class TopologyFactory {

    /** The fixed epoch of the sanitized tier's keys. */
    static final int SANITIZED_EPOCH = 0;

    /**
     * The user names this instance learned from context, shared by the scrubbers of both tiers and by those made
     * again when the live directory changes, so a directory change forgets nothing (ADR-0024).
     */
    @Singleton
    LearnedIdentities learnedIdentities(final ScrubPolicy policy) {
        return LearnedIdentities.of(policy.learnedNamesCapacity(), policy.learnedNamesTtl());
    }

    @Singleton
    TopologySettings topologySettings(final TopicsConfiguration topics, final ScrubConfiguration scrub,
            final KeysConfiguration keys, final MasterSecret secret, final ScrubPolicy policy,
            final PublicationPolicy publication, final IdentityDirectory directory,
            final Environment environment, final LearnedIdentities learned) {
        final Map<Tier, Scrubber> scrubbers = scrubbers(secret, keys, policy, directory, learned);
        final Map<RecordKind, RecordDecoder> decoders = new EnumMap<>(RecordKind.class);
        for (final RecordKind kind : RecordKind.values()) {
            final String key = "anonymizer.decoders." + kind.topicSuffix();
            final String name = environment.getProperty(key, String.class).orElse("text");
            try {
                decoders.put(kind, Decoders.named(name, scrub.maxRecordBytes(), policy.maxJsonDepth()));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        return new TopologySettings(topics.names(), scrubbers, new TextDecoder(scrub.maxRecordBytes()),
                policy.version(), publication, decoders, LeakGuard.create(policy, directory),
                Set.copyOf(scrub.passedHeaders()));
    }

    /**
     * The public tier's keys belong to the configured release epoch; the sanitized tier's keys never rotate, so
     * operators can follow one user across releases.
     */
    static int epochOf(final Tier tier, final KeysConfiguration keys) {
        return switch (tier) {
            case SANITIZED -> SANITIZED_EPOCH;
            case PUBLIC -> keys.epoch();
        };
    }

    private static Map<Tier, Scrubber> scrubbers(final MasterSecret secret, final KeysConfiguration keys,
            final ScrubPolicy policy, final IdentityDirectory directory, final LearnedIdentities learned) {
        final Map<Tier, Integer> epochs = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            epochs.put(tier, epochOf(tier, keys));
        }
        // One set of detectors for both tiers: a record's detections are shared between its two scrubbings.
        return Scrubber.createAll(secret, epochs, policy, directory, learned);
    }

    @Singleton
    LiveScrubbers liveScrubbers(final TopologySettings settings, final IdentitySource source,
            final KeysConfiguration keys, final MasterSecret secret, final ScrubPolicy policy,
            final LearnedIdentities learned) {
        return new LiveScrubbers(source, directory -> new LiveScrubbers.ScrubberSet(
                scrubbers(secret, keys, policy, directory, learned), LeakGuard.create(policy, directory)),
                new LiveScrubbers.ScrubberSet(settings.scrubbers(), settings.leakGuard()));
    }

    /** The topology's decoders, for the HTTP receivers to refuse what the topology would quarantine. */
    @Singleton
    RawDecoders rawDecoders(final TopologySettings settings) {
        return settings::valueDecoder;
    }

    @Singleton
    Topology topology(final TopologySettings settings, final TopologyMetrics metrics, final LiveScrubbers live) {
        return PublisherTopology.build(settings, metrics, live);
    }
}
