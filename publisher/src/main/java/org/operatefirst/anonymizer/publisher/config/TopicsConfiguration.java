package org.operatefirst.anonymizer.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Topic names and how missing topics are created at start-up: partitions, replication, and how long each class
 * of topic keeps its records. Topics that already exist are never changed (see {@link #settingsOf(String)}).
 *
 * <p>Retention is a positive duration ({@code 3d}, {@code 72h}, {@code PT72H}, {@code 259200000ms}), at least one
 * millisecond. There is no "keep forever" ({@code retention.ms=-1}): raw and quarantined records hold personal data
 * in clear, and every topic the service creates expires its records; a topic that should keep them for good is
 * created and owned by someone else (a Strimzi KafkaTopic, an operator).
 *
 * @param rawPrefix           {@code anonymizer.topics.raw-prefix}, default {@code raw.}
 * @param sanitizedPrefix     {@code anonymizer.topics.sanitized-prefix}, default {@code sanitized.}
 * @param publicPrefix        {@code anonymizer.topics.public-prefix}, default {@code public.}
 * @param quarantine          {@code anonymizer.topics.quarantine}, default {@code quarantine}
 * @param identities          {@code anonymizer.topics.identities}: the compacted identity directory, default
 *                            {@code identities}
 * @param consent             {@code anonymizer.topics.consent}: the compacted consent table, default
 *                            {@code consent}
 * @param partitions          {@code anonymizer.topics.partitions}: partitions of topics created at start-up,
 *                            default 3
 * @param replicationFactor   {@code anonymizer.topics.replication-factor}: replication of topics created at
 *                            start-up; -1 (the default) takes the broker's default
 * @param rawRetention        {@code anonymizer.topics.raw-retention}: {@code retention.ms} of the raw topics
 *                            created at start-up, default 3 days: long enough to survive a weekend outage of the
 *                            anonymizer, no longer
 * @param sanitizedRetention  {@code anonymizer.topics.sanitized-retention}: {@code retention.ms} of the sanitized
 *                            topics created at start-up, default 7 days
 * @param publicRetention     {@code anonymizer.topics.public-retention}: {@code retention.ms} of the public
 *                            topics created at start-up, default 30 days (releases are archived elsewhere)
 * @param quarantineRetention {@code anonymizer.topics.quarantine-retention}: {@code retention.ms} of the quarantine
 *                            topic created at start-up, default 7 days, for review
 * @param tombstoneRetention  {@code anonymizer.topics.tombstone-retention}: {@code delete.retention.ms} of the
 *                            compacted identities and consent topics created at start-up, default 1 day: how
 *                            long a deletion stays readable, so every instance sees it. Their other records are
 *                            kept by key, never by age
 */
@ConfigurationProperties("anonymizer.topics")
public record TopicsConfiguration(String rawPrefix, String sanitizedPrefix, String publicPrefix, String quarantine,
        String identities, String consent, int partitions, short replicationFactor, Duration rawRetention,
        Duration sanitizedRetention, Duration publicRetention, Duration quarantineRetention,
        Duration tombstoneRetention) {

    private static final String PREFIX = "anonymizer.topics.";

    /**
     * Binds the configuration. The durations arrive as text and are read here, in the syntax Micronaut reads
     * every duration in: a value Micronaut cannot convert would otherwise fall back to the default without a
     * word, and a mistyped retention must stop the start-up instead.
     *
     * @param rawPrefix           see the record
     * @param sanitizedPrefix     see the record
     * @param publicPrefix        see the record
     * @param quarantine          see the record
     * @param identities          see the record
     * @param consent             see the record
     * @param partitions          see the record
     * @param replicationFactor   see the record
     * @param rawRetention        a duration, for example {@code 3d}
     * @param sanitizedRetention  a duration
     * @param publicRetention     a duration
     * @param quarantineRetention a duration
     * @param tombstoneRetention  a duration
     * @throws IllegalArgumentException naming the key of a value that is not a usable duration
     */
    @Creator
    public TopicsConfiguration(
            @Bindable(defaultValue = "raw.") final String rawPrefix,
            @Bindable(defaultValue = "sanitized.") final String sanitizedPrefix,
            @Bindable(defaultValue = "public.") final String publicPrefix,
            @Bindable(defaultValue = "quarantine") final String quarantine,
            @Bindable(defaultValue = "identities") final String identities,
            @Bindable(defaultValue = "consent") final String consent,
            @Bindable(defaultValue = "3") final int partitions,
            @Bindable(defaultValue = "-1") final short replicationFactor,
            @Bindable(defaultValue = "3d") final String rawRetention,
            @Bindable(defaultValue = "7d") final String sanitizedRetention,
            @Bindable(defaultValue = "30d") final String publicRetention,
            @Bindable(defaultValue = "7d") final String quarantineRetention,
            @Bindable(defaultValue = "1d") final String tombstoneRetention) {
        this(rawPrefix, sanitizedPrefix, publicPrefix, quarantine, identities, consent, partitions,
                replicationFactor, duration("raw-retention", rawRetention),
                duration("sanitized-retention", sanitizedRetention), duration("public-retention", publicRetention),
                duration("quarantine-retention", quarantineRetention),
                duration("tombstone-retention", tombstoneRetention));
    }

    /** Validates the counts and durations. */
    public TopicsConfiguration {
        if (partitions < 1) {
            throw new IllegalArgumentException("anonymizer.topics.partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException("anonymizer.topics.replication-factor must be -1 (broker default) "
                    + "or at least 1, got " + replicationFactor);
        }
        requireRetention("raw-retention", rawRetention);
        requireRetention("sanitized-retention", sanitizedRetention);
        requireRetention("public-retention", publicRetention);
        requireRetention("quarantine-retention", quarantineRetention);
        requireRetention("tombstone-retention", tombstoneRetention);
    }

    /**
     * The topic names this configuration describes.
     *
     * @return the names, validated
     */
    public TopicNames names() {
        return new TopicNames(rawPrefix, sanitizedPrefix, publicPrefix, quarantine, identities, consent);
    }

    /**
     * The topic-level settings a topic of the service is created with, each with the key it comes from: for the
     * raw, sanitized, public and quarantine topics {@code cleanup.policy=delete} and their {@code retention.ms};
     * for the identities and consent tables {@code cleanup.policy=compact} and {@code delete.retention.ms}.
     *
     * @param topic a topic name
     * @return the settings, in that order; empty for a topic that is not one of this configuration's (it gets the
     *         broker's defaults)
     */
    public List<TopicSetting> settingsOf(final String topic) {
        final TopicNames names = names();
        if (names.compacted().contains(topic)) {
            final String key = topic.equals(identities) ? "identities" : "consent";
            return List.of(new TopicSetting(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            PREFIX + key),
                    new TopicSetting(TopicConfig.DELETE_RETENTION_MS_CONFIG,
                            Long.toString(tombstoneRetention.toMillis()), PREFIX + "tombstone-retention"));
        }
        if (topic.equals(quarantine)) {
            return deleted("quarantine", "quarantine-retention", quarantineRetention);
        }
        for (final RecordKind kind : RecordKind.values()) {
            if (topic.equals(names.raw(kind))) {
                return deleted("raw-prefix", "raw-retention", rawRetention);
            }
            if (topic.equals(names.output(Tier.SANITIZED, kind))) {
                return deleted("sanitized-prefix", "sanitized-retention", sanitizedRetention);
            }
            if (topic.equals(names.output(Tier.PUBLIC, kind))) {
                return deleted("public-prefix", "public-retention", publicRetention);
            }
        }
        return List.of();
    }

    private static List<TopicSetting> deleted(final String nameKey, final String retentionKey,
            final Duration retention) {
        return List.of(new TopicSetting(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        PREFIX + nameKey),
                new TopicSetting(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                        PREFIX + retentionKey));
    }

    private static Duration duration(final String key, final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return ConversionService.SHARED.convert(text.strip(), Duration.class).orElseThrow(() ->
                new IllegalArgumentException(PREFIX + key + " must be a duration such as 7d, 168h or PT168H, got '"
                        + text + "'"));
    }

    private static void requireRetention(final String key, final Duration retention) {
        if (retention == null) {
            throw new IllegalArgumentException(PREFIX + key + " must be a duration such as 7d, got nothing");
        }
        final long millis;
        try {
            millis = retention.toMillis();
        } catch (final ArithmeticException e) {
            throw new IllegalArgumentException(PREFIX + key + " is too long to be a number of milliseconds, got "
                    + retention, e);
        }
        if (millis < 1) {
            throw new IllegalArgumentException(PREFIX + key + " must be at least 1ms (there is no infinite "
                    + "retention for topics the service creates), got " + retention);
        }
    }

    /**
     * One topic-level setting of a topic the service creates.
     *
     * @param name   the Kafka topic configuration, for example {@code retention.ms}
     * @param value  its value, as Kafka writes it, for example {@code 259200000}
     * @param source the service's setting it comes from, for example {@code anonymizer.topics.raw-retention}
     */
    public record TopicSetting(String name, String value, String source) {
    }
}
