package org.operatefirst.anonymizer.publisher.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The names of every topic the service reads or writes: one place for them. A raw, a sanitized and a public
 * topic per {@link RecordKind}, one quarantine topic, and two compacted tables that every instance reads whole:
 * the identity directory and the namespaces' publication consent.
 *
 * @param rawPrefix       prefix of the raw topics, for example {@code raw.}
 * @param sanitizedPrefix prefix of the sanitized topics, for example {@code sanitized.}
 * @param publicPrefix    prefix of the public topics, for example {@code public.}
 * @param quarantine      the restricted topic for records that cannot be processed
 * @param identities      the compacted identity directory: known people and their identifiers
 * @param consent         the compacted consent table: namespace to {@code opt-in} or {@code opt-out}
 */
public record TopicNames(String rawPrefix, String sanitizedPrefix, String publicPrefix, String quarantine,
        String identities, String consent) {

    /** The default names: {@code raw.logs}, {@code sanitized.logs}, {@code public.logs}, ..., {@code quarantine}, {@code identities}, {@code consent}. */
    public static final TopicNames DEFAULTS = new TopicNames("raw.", "sanitized.", "public.", "quarantine",
            "identities", "consent");

    /** Validates that the names are usable and that no two topics collide. */
    public TopicNames {
        Objects.requireNonNull(rawPrefix, "rawPrefix");
        Objects.requireNonNull(sanitizedPrefix, "sanitizedPrefix");
        Objects.requireNonNull(publicPrefix, "publicPrefix");
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(consent, "consent");
        if (quarantine.isBlank() || identities.isBlank() || consent.isBlank()) {
            throw new IllegalArgumentException("the quarantine, identities and consent topic names must not be blank");
        }
        if (rawPrefix.equals(sanitizedPrefix) || rawPrefix.equals(publicPrefix)
                || sanitizedPrefix.equals(publicPrefix)) {
            throw new IllegalArgumentException("the raw, sanitized and public topic prefixes must differ, got '"
                    + rawPrefix + "', '" + sanitizedPrefix + "', '" + publicPrefix + "'");
        }
    }

    /**
     * The topic collectors write a kind into.
     *
     * @param kind the record kind
     * @return for example {@code raw.logs}
     */
    public String raw(final RecordKind kind) {
        return rawPrefix + kind.topicSuffix();
    }

    /**
     * The topic a tier of a kind is published to.
     *
     * @param tier the audience
     * @param kind the record kind
     * @return for example {@code public.logs}
     */
    public String output(final Tier tier, final RecordKind kind) {
        final String prefix = switch (tier) {
            case SANITIZED -> sanitizedPrefix;
            case PUBLIC -> publicPrefix;
        };
        return prefix + kind.topicSuffix();
    }

    /**
     * Every topic, raw first, then the outputs, then quarantine and the compacted tables.
     *
     * @return the topic names, without duplicates
     */
    public List<String> all() {
        return allNames();
    }

    /**
     * The topics that are tables, kept by key: compacted, never deleted by age.
     *
     * @return the identities and consent topics
     */
    public List<String> compacted() {
        return List.of(identities, consent);
    }

    private List<String> allNames() {
        final List<String> names = new ArrayList<>();
        for (final RecordKind kind : RecordKind.values()) {
            names.add(raw(kind));
        }
        for (final Tier tier : Tier.values()) {
            for (final RecordKind kind : RecordKind.values()) {
                names.add(output(tier, kind));
            }
        }
        names.add(quarantine);
        names.addAll(compacted());
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalStateException("topic names collide: " + names);
        }
        return List.copyOf(names);
    }
}
