package org.operatefirst.anonymizer.scrubbers;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ArrayList;
import org.operatefirst.anonymizer.scrubbers.detect.ContextUsernameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlugDetector;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.detect.SecretDetector;
import org.operatefirst.anonymizer.scrubbers.format.PlainTextFormat;
import org.operatefirst.anonymizer.scrubbers.format.PrometheusTextFormat;
import org.operatefirst.anonymizer.scrubbers.format.RecordFormat;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * Scrubs records of operational data: reads each record in the format of its kind, detects personal data in its
 * strings, resolves overlapping findings, and rewrites each finding into its keyed pseudonym. Built once per tier,
 * with that tier's keys, from a validated {@link ScrubPolicy}; thread-safe.
 *
 * <p>Never throws on data: a record it cannot handle comes back as {@link ScrubResult.Failed}, and the caller
 * quarantines it. A finding that cannot be rewritten fails the whole record rather than leaving the value in.
 */
public final class Scrubber {

    /** The version of the scrubbing rules, written into the provenance of every output record. */
    public static final String VERSION = "0.2.0";

    /** Reason of a failure to rewrite a detected value. */
    public static final String REASON_UNREWRITABLE = TextRewriter.REASON_UNREWRITABLE;
    /** Reason of an unexpected error inside the scrubber. */
    public static final String REASON_INTERNAL_ERROR = "scrubber-error";

    private final TextRewriter rewriter;
    private final Map<RecordKind, RecordFormat> formats;
    private final RecordFormat text = new PlainTextFormat();

    private Scrubber(final TextRewriter rewriter, final Map<RecordKind, RecordFormat> formats) {
        this.rewriter = rewriter;
        this.formats = formats;
    }

    /**
     * Creates the scrubber of one tier under the default policy.
     *
     * @param secret the master secret
     * @param tier   the audience
     * @param epoch  the release epoch, for example {@code 2026}
     * @return the scrubber
     */
    public static Scrubber create(final MasterSecret secret, final Tier tier, final int epoch) {
        return create(secret, tier, epoch, ScrubPolicy.defaults());
    }

    /**
     * Creates the scrubber of one tier. Its keys are derived from the master secret for that tier and release
     * epoch, so two tiers, or two epochs, never share a pseudonym.
     *
     * @param secret the master secret
     * @param tier   the audience
     * @param epoch  the release epoch, for example {@code 2026}
     * @param policy what to keep, which names and fields hold user names, what to drop
     * @return the scrubber
     */
    public static Scrubber create(final MasterSecret secret, final Tier tier, final int epoch,
            final ScrubPolicy policy) {
        return create(secret, tier, epoch, policy, IdentityDirectory.empty());
    }

    /**
     * Creates the scrubber of one tier that knows a directory of people: every identifier of a person (user name,
     * email address, display name, and the KubeSpawner names made of them) gets the person's one pseudonym, and
     * the directory's identifiers are also found in free text. To follow a changed directory, create a new
     * scrubber with it; a scrubber never changes.
     *
     * @param secret    the master secret
     * @param tier      the audience
     * @param epoch     the release epoch, for example {@code 2026}
     * @param policy    what to keep, which names and fields hold user names, what to drop
     * @param directory the people the cluster knows; {@link IdentityDirectory#empty()} for none, which costs
     *                  nothing
     * @return the scrubber
     */
    public static Scrubber create(final MasterSecret secret, final Tier tier, final int epoch,
            final ScrubPolicy policy, final IdentityDirectory directory) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(directory, "directory");
        final String label = tier.label();
        final Pseudonymizer pseudonymizer = new Pseudonymizer(
                new KeyedTokenizer(secret.deriveKey(label, epoch, MasterSecret.Purpose.IDENTITY)),
                new KeyedTokenizer(secret.deriveKey(label, epoch, MasterSecret.Purpose.DOMAIN)),
                new CryptoPan(secret.deriveKey(label, epoch, MasterSecret.Purpose.IP)),
                policy.keptRanges(), policy.keptEmailDomains(), directory);
        final List<Detector> detectors = new ArrayList<>(List.of(new EmailDetector(), new IpAddressDetector(),
                new KubeSpawnerNameDetector(policy.nameTemplates()),
                new KubeSpawnerSafeSlugDetector(policy.nameTemplates()),
                new ContextUsernameDetector(policy.usernameFields()), new SecretDetector()));
        if (!directory.isEmpty()) {
            detectors.add(directory.detector());
        }
        final TextRewriter rewriter = new TextRewriter(detectors, pseudonymizer);
        final Map<RecordKind, RecordFormat> formats = new EnumMap<>(RecordKind.class);
        for (final RecordKind kind : RecordKind.values()) {
            formats.put(kind, new PlainTextFormat());
        }
        formats.put(RecordKind.METRICS, new PrometheusTextFormat(policy.usernameFields()));
        return new Scrubber(rewriter, formats);
    }

    /**
     * Scrubs one record of a kind.
     *
     * @param kind  the record kind, which selects the format
     * @param input the record
     * @return the scrubbed record and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrub(final RecordKind kind, final String input) {
        return scrub(formats.get(Objects.requireNonNull(kind, "kind")), input);
    }

    /**
     * Scrubs free text, such as a log line or a record key.
     *
     * @param input the text
     * @return the scrubbed text and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrubText(final String input) {
        return scrub(text, input);
    }

    /**
     * The pseudonymizer of this scrubber's tier, to compute the pseudonym of one known value.
     *
     * @return the pseudonymizer
     */
    public Pseudonymizer pseudonymizer() {
        return rewriter.pseudonymizer();
    }

    private ScrubResult scrub(final RecordFormat format, final String input) {
        Objects.requireNonNull(input, "input");
        final FindingCounter counter = new FindingCounter();
        try {
            return new ScrubResult.Scrubbed(format.scrub(input, rewriter, counter), counter.snapshot());
        } catch (final UnrewritableException e) {
            return new ScrubResult.Failed(e.reason(), e.getMessage());
        } catch (final RuntimeException | StackOverflowError e) {
            return new ScrubResult.Failed(REASON_INTERNAL_ERROR, e.getClass().getName());
        }
    }
}
