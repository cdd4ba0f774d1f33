package org.operatefirst.anonymizer.scrubbers;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.NameTemplate;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Overlaps;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;

/**
 * Scrubs records of operational data: detects personal data, resolves overlapping findings, and rewrites each
 * finding into its keyed pseudonym. Built once per tier, with that tier's keys; thread-safe.
 *
 * <p>Never throws on data: a record it cannot handle comes back as {@link ScrubResult.Failed}, and the caller
 * quarantines it. A finding that cannot be rewritten fails the whole record rather than leaving the value in.
 */
public final class Scrubber {

    /** The version of the scrubbing rules, written into the provenance of every output record. */
    public static final String VERSION = "0.1.0";

    /** Reason of a failure to rewrite a detected value. */
    public static final String REASON_UNREWRITABLE = "unrewritable-finding";
    /** Reason of an unexpected error inside the scrubber. */
    public static final String REASON_INTERNAL_ERROR = "scrubber-error";

    private final List<Detector> detectors;
    private final Pseudonymizer pseudonymizer;

    private Scrubber(final List<Detector> detectors, final Pseudonymizer pseudonymizer) {
        this.detectors = List.copyOf(detectors);
        this.pseudonymizer = pseudonymizer;
    }

    /**
     * Creates the scrubber of one tier. Its keys are derived from the master secret for that tier and release
     * epoch, so two tiers, or two epochs, never share a pseudonym.
     *
     * @param secret the master secret
     * @param tier   the audience
     * @param epoch  the release epoch, for example {@code 2026}
     * @return the scrubber
     */
    public static Scrubber create(final MasterSecret secret, final Tier tier, final int epoch) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tier, "tier");
        final String label = tier.label();
        final Pseudonymizer pseudonymizer = new Pseudonymizer(
                new KeyedTokenizer(secret.deriveKey(label, epoch, MasterSecret.Purpose.IDENTITY)),
                new KeyedTokenizer(secret.deriveKey(label, epoch, MasterSecret.Purpose.DOMAIN)),
                new CryptoPan(secret.deriveKey(label, epoch, MasterSecret.Purpose.IP)));
        return new Scrubber(List.of(new EmailDetector(), new IpAddressDetector(),
                new KubeSpawnerNameDetector(NameTemplate.defaults())), pseudonymizer);
    }

    /**
     * Scrubs one record of a kind.
     *
     * @param kind  the record kind, which selects the format
     * @param input the record
     * @return the scrubbed record and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrub(final RecordKind kind, final String input) {
        Objects.requireNonNull(kind, "kind");
        // Every kind is scrubbed as text for now; emails, addresses and pod names rewritten in place keep JSON
        // and exposition text valid, because no pseudonym contains a quote, a backslash or a brace.
        return scrubText(input);
    }

    /**
     * Scrubs free text, such as a log line or a record key.
     *
     * @param text the text
     * @return the scrubbed text and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrubText(final String text) {
        Objects.requireNonNull(text, "text");
        try {
            return rewrite(text);
        } catch (final RuntimeException e) {
            return new ScrubResult.Failed(REASON_INTERNAL_ERROR, e.getClass().getName());
        }
    }

    private ScrubResult rewrite(final String text) {
        final List<Finding> findings = new ArrayList<>();
        for (final Detector detector : detectors) {
            detector.detect(text, findings);
        }
        if (findings.isEmpty()) {
            return new ScrubResult.Scrubbed(text, FindingCounts.none());
        }
        final StringBuilder out = new StringBuilder(text.length() + 16);
        final Map<FindingType, Integer> counts = new EnumMap<>(FindingType.class);
        int copied = 0;
        for (final Finding finding : Overlaps.resolve(findings)) {
            final String value = text.substring(finding.start(), finding.end());
            final Optional<String> pseudonym = switch (finding.type()) {
                case EMAIL -> pseudonymizer.email(value);
                case IPV4 -> pseudonymizer.ipv4(value);
                case IPV6 -> pseudonymizer.ipv6(value);
                case ESCAPED_USERNAME -> pseudonymizer.escapedUsername(value);
            };
            if (pseudonym.isEmpty()) {
                return new ScrubResult.Failed(REASON_UNREWRITABLE, "a " + finding.type().name().toLowerCase(
                        java.util.Locale.ROOT) + " finding at " + finding.start() + " could not be rewritten");
            }
            out.append(text, copied, finding.start()).append(pseudonym.get());
            copied = finding.end();
            counts.merge(finding.type(), 1, Integer::sum);
        }
        out.append(text, copied, text.length());
        return new ScrubResult.Scrubbed(out.toString(), FindingCounts.of(counts));
    }
}
