package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The provenance of a published record, written as one header ({@link RecordHeaderNames#PROVENANCE}) whose value is
 * {@code <tier>/<key epoch>/<scrubber version>/<license>/<policy version>}: {@code s} or {@code p}, the release
 * epoch of the keys that made the pseudonyms (0 on the sanitized tier), the scrubber's version, the dataset license
 * (an SPDX identifier, on the public tier only; empty on the sanitized one) and the data policy's version, last
 * because it is the site's free text and may hold a {@code /}. The same on every record of a tier, so compression
 * makes it almost free; see ADR-0023.
 *
 * @param tier            the tier that published the record
 * @param keyEpoch        the release epoch of the tier's keys
 * @param scrubberVersion the scrubber's version, without {@code /}
 * @param license         the dataset license, or null where the record is not licensed for publication
 * @param policyVersion   the data policy's version
 */
public record ProvenanceStamp(Tier tier, int keyEpoch, String scrubberVersion, String license,
        String policyVersion) {

    private static final String SEPARATOR = "/";

    /** Header names written before ADR-0023, read so that records published before it still export. */
    private static final String LEGACY_TIER = "anonymizer-tier";
    private static final String LEGACY_SCRUBBER_VERSION = "anonymizer-scrubber-version";
    private static final String LEGACY_POLICY_VERSION = "anonymizer-policy-version";
    private static final String LEGACY_KEY_EPOCH = "anonymizer-key-epoch";
    private static final String LEGACY_DATASET_LICENSE = "dataset-license";
    private static final String LEGACY_FINDINGS = "anonymizer-findings";

    /** Validates the components. */
    public ProvenanceStamp {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(policyVersion, "policyVersion");
        if (scrubberVersion.contains(SEPARATOR)) {
            throw new IllegalArgumentException("a scrubber version holds no '/': " + scrubberVersion);
        }
        if (license != null && (license.isEmpty() || license.contains(SEPARATOR))) {
            throw new IllegalArgumentException("a license is an SPDX identifier: " + license);
        }
    }

    /**
     * The header value.
     *
     * @return {@code <tier>/<key epoch>/<scrubber version>/<license>/<policy version>}, UTF-8
     */
    public byte[] encode() {
        return (code(tier) + SEPARATOR + keyEpoch + SEPARATOR + scrubberVersion + SEPARATOR
                + (license == null ? "" : license) + SEPARATOR + policyVersion).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a record's provenance: the {@link RecordHeaderNames#PROVENANCE} header, or the separate headers that
     * records published before ADR-0023 carry.
     *
     * @param headers the record's headers
     * @return the provenance, or empty if the record carries none or one this service did not write
     */
    public static Optional<ProvenanceStamp> read(final Headers headers) {
        final Header header = headers.lastHeader(RecordHeaderNames.PROVENANCE);
        if (header != null) {
            return header.value() == null ? Optional.empty()
                    : parse(new String(header.value(), StandardCharsets.UTF_8));
        }
        final Optional<Tier> tier = Tier.fromLabel(Objects.requireNonNullElse(text(headers, LEGACY_TIER), ""));
        final String epoch = text(headers, LEGACY_KEY_EPOCH);
        final String scrubber = text(headers, LEGACY_SCRUBBER_VERSION);
        final String policy = text(headers, LEGACY_POLICY_VERSION);
        if (tier.isEmpty() || epoch == null || scrubber == null || policy == null) {
            return Optional.empty();
        }
        final String license = text(headers, LEGACY_DATASET_LICENSE);
        try {
            return Optional.of(new ProvenanceStamp(tier.get(), Integer.parseInt(epoch), scrubber,
                    license == null || license.isEmpty() ? null : license, policy));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What was rewritten in a record, as {@code type=count} pairs: the {@link RecordHeaderNames#FINDINGS} header,
     * or its name before ADR-0023; empty if nothing was.
     *
     * @param headers the record's headers
     * @return the findings, for example {@code email=2,ipv4=1}, or an empty string
     */
    public static String findings(final Headers headers) {
        final String findings = text(headers, RecordHeaderNames.FINDINGS);
        return findings != null ? findings : Objects.requireNonNullElse(text(headers, LEGACY_FINDINGS), "");
    }

    /**
     * Parses a header value.
     *
     * @param value the value, as {@link #encode()} writes it
     * @return the provenance, or empty if the value is not one
     */
    public static Optional<ProvenanceStamp> parse(final String value) {
        final String[] fields = value.split(SEPARATOR, 5);
        if (fields.length != 5 || fields[0].length() != 1) {
            return Optional.empty();
        }
        final Tier tier = switch (fields[0].charAt(0)) {
            case 's' -> Tier.SANITIZED;
            case 'p' -> Tier.PUBLIC;
            default -> null;
        };
        if (tier == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProvenanceStamp(tier, Integer.parseInt(fields[1]), fields[2],
                    fields[3].isEmpty() ? null : fields[3], fields[4]));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static char code(final Tier tier) {
        return switch (tier) {
            case SANITIZED -> 's';
            case PUBLIC -> 'p';
        };
    }

    private static String text(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
