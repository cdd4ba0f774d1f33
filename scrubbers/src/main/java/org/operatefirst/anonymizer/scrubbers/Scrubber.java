package org.operatefirst.anonymizer.scrubbers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.ContextUsernameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.EmbeddedIpDetector;
import org.operatefirst.anonymizer.scrubbers.detect.LoginContextDetector;
import org.operatefirst.anonymizer.scrubbers.detect.MacAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.ObfuscatedEmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.TokenShapeDetector;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlugDetector;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.detect.SecretDetector;
import org.operatefirst.anonymizer.scrubbers.format.AlertFormat;
import org.operatefirst.anonymizer.scrubbers.format.JsonFormat;
import org.operatefirst.anonymizer.scrubbers.format.LogFormat;
import org.operatefirst.anonymizer.scrubbers.format.PlainTextFormat;
import org.operatefirst.anonymizer.scrubbers.format.PrometheusTextFormat;
import org.operatefirst.anonymizer.scrubbers.format.RecordFormat;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MacPermutation;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Detection;
import org.operatefirst.anonymizer.scrubbers.rewrite.Detections;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedNames;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * Scrubs records of operational data: reads each record in the format of its kind, detects personal data in its
 * strings, resolves overlapping findings, and rewrites each finding into its keyed pseudonym. Built once per tier,
 * with that tier's keys, from a validated {@link ScrubPolicy}; thread-safe.
 *
 * <p>One record, one truth: a user name that a context in the record gives away (a {@code /user/<name>/} path, a
 * user name field, a KubeSpawner pod's user) is replaced at every occurrence in that record, in every encoding the
 * scrubber knows ({@link LearnedNames}); a record that still holds one after scrubbing is scrubbed once more with
 * the names as known words.
 *
 * <p>Never throws on data: a record it cannot handle comes back as {@link ScrubResult.Failed}, and the caller
 * quarantines it. A finding that cannot be rewritten fails the whole record rather than leaving the value in.
 */
public final class Scrubber {

    /** The version of the scrubbing rules, written into the provenance of every output record. */
    public static final String VERSION = "0.5.0";

    /** Reason of a failure to rewrite a detected value. */
    public static final String REASON_UNREWRITABLE = TextRewriter.REASON_UNREWRITABLE;
    /** Reason of an unexpected error inside the scrubber. */
    public static final String REASON_INTERNAL_ERROR = "scrubber-error";

    private final TextRewriter rewriter;
    private final Tier tier;
    private final int epoch;
    private final Map<RecordKind, RecordFormat> formats;
    private final RecordFormat text = new PlainTextFormat();
    private final LearnedIdentities memory;

    private Scrubber(final TextRewriter rewriter, final Map<RecordKind, RecordFormat> formats, final Tier tier,
            final int epoch, final LearnedIdentities memory) {
        this.memory = memory;
        this.rewriter = rewriter;
        this.formats = formats;
        this.tier = tier;
        this.epoch = epoch;
    }

    /**
     * The audience this scrubber's keys belong to.
     *
     * @return the tier
     */
    public Tier tier() {
        return tier;
    }

    /**
     * The release epoch of this scrubber's keys, written into the provenance of its output.
     *
     * @return the epoch
     */
    public int epoch() {
        return epoch;
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
        Objects.requireNonNull(tier, "tier");
        return createAll(secret, Map.of(tier, epoch), policy, directory).get(tier);
    }

    /**
     * Creates the scrubbers of several tiers under one policy and identity directory, each with its tier's keys.
     * They share their detectors, so a record scrubbed for each of them with one {@link Detections} is searched
     * once ({@link #scrub(RecordKind, String, Detections)}).
     *
     * @param secret    the master secret
     * @param epochs    the release epoch of each tier to create
     * @param policy    what to keep, which names and fields hold user names, what to drop
     * @param directory the people the cluster knows; {@link IdentityDirectory#empty()} for none
     * @return one scrubber per tier of {@code epochs}
     */
    public static Map<Tier, Scrubber> createAll(final MasterSecret secret, final Map<Tier, Integer> epochs,
            final ScrubPolicy policy, final IdentityDirectory directory) {
        return createAll(secret, epochs, policy, directory, null);
    }

    /**
     * Creates the scrubbers of several tiers, as {@link #createAll(MasterSecret, Map, ScrubPolicy,
     * IdentityDirectory)}, that also remember the user names records give away and replace them in later records
     * where they appear without context (ADR-0024). The scrubbers of all tiers share the memory; so may the
     * scrubbers made again for a changed directory.
     *
     * @param secret    the master secret
     * @param epochs    the release epoch of each tier to create
     * @param policy    what to keep, which names and fields hold user names, what to drop
     * @param directory the people the cluster knows; {@link IdentityDirectory#empty()} for none
     * @param memory    the names learned across records; null for none, as the other factory methods
     * @return one scrubber per tier of {@code epochs}
     */
    public static Map<Tier, Scrubber> createAll(final MasterSecret secret, final Map<Tier, Integer> epochs,
            final ScrubPolicy policy, final IdentityDirectory directory, final LearnedIdentities memory) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(directory, "directory");
        final List<Detector> detectors = new ArrayList<>(List.of(new EmailDetector(), new IpAddressDetector(),
                new KubeSpawnerNameDetector(policy.nameTemplates()),
                new KubeSpawnerSafeSlugDetector(policy.nameTemplates()),
                new ContextUsernameDetector(policy.usernameFields()), new SecretDetector(),
                new LoginContextDetector(), new EmbeddedIpDetector(), new TokenShapeDetector(),
                new MacAddressDetector(), new ObfuscatedEmailDetector()));
        if (!directory.isEmpty()) {
            detectors.add(directory.detector());
        }
        final Detection shared = new Detection(detectors);
        final Map<RecordKind, RecordFormat> formats = new EnumMap<>(RecordKind.class);
        formats.put(RecordKind.LOGS, new LogFormat(policy.usernameFields(), policy.dropFields(),
                policy.maxJsonDepth()));
        formats.put(RecordKind.EVENTS, new JsonFormat(policy.usernameFields(), policy.dropFields(),
                policy.maxJsonDepth()));
        formats.put(RecordKind.METRICS, new PrometheusTextFormat(policy.usernameFields()));
        formats.put(RecordKind.ALERTS, new AlertFormat(policy.usernameFields(), policy.dropFields(),
                policy.maxJsonDepth()));
        final Map<Tier, Scrubber> scrubbers = new EnumMap<>(Tier.class);
        epochs.forEach((tier, epoch) -> {
            final String label = tier.label();
            final Pseudonymizer pseudonymizer = new Pseudonymizer(
                    new KeyedTokenizer(secret.deriveKey(label, epoch, MasterSecret.Purpose.IDENTITY)),
                    new KeyedTokenizer(secret.deriveKey(label, epoch, MasterSecret.Purpose.DOMAIN)),
                    new CryptoPan(secret.deriveKey(label, epoch, MasterSecret.Purpose.IP)),
                    policy.keptRanges(), policy.keptEmailDomains(), directory,
                    new MacPermutation(secret.deriveKey(label, epoch, MasterSecret.Purpose.MAC)),
                    policy.keepMacVendor());
            scrubbers.put(tier, new Scrubber(new TextRewriter(shared, pseudonymizer), formats, tier, epoch, memory));
        });
        return Collections.unmodifiableMap(scrubbers);
    }

    /**
     * Scrubs one record of a kind.
     *
     * @param kind  the record kind, which selects the format
     * @param input the record
     * @return the scrubbed record and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrub(final RecordKind kind, final String input) {
        return scrub(formats.get(Objects.requireNonNull(kind, "kind")), input, null);
    }

    /**
     * Scrubs one record of a kind that is also scrubbed for other tiers: what is detected in its strings is kept
     * in {@code detections}, and what another scrubber of the same {@link #createAll} already detected there is
     * not searched again. The result is the same as {@link #scrub(RecordKind, String)}'s.
     *
     * @param kind       the record kind, which selects the format
     * @param input      the record
     * @param detections the record's detections, one per record
     * @return the scrubbed record and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrub(final RecordKind kind, final String input, final Detections detections) {
        return scrub(formats.get(Objects.requireNonNull(kind, "kind")), input,
                Objects.requireNonNull(detections, "detections"));
    }

    /**
     * Scrubs free text, such as a log line or a record key.
     *
     * @param input the text
     * @return the scrubbed text and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrubText(final String input) {
        return scrub(text, input, null);
    }

    /**
     * The pseudonymizer of this scrubber's tier, to compute the pseudonym of one known value.
     *
     * @return the pseudonymizer
     */
    public Pseudonymizer pseudonymizer() {
        return rewriter.pseudonymizer();
    }

    /**
     * The result of scrubbing one record and the user names its contexts gave away, for a caller that remembers
     * names across records itself, in an order of its own ({@link #scrubLearning}).
     *
     * @param result  the result
     * @param learned the names, lower case, in the order the record gave them; empty if it failed
     */
    public record Learning(ScrubResult result, List<String> learned) {

        /** Copies the names. */
        public Learning {
            Objects.requireNonNull(result, "result");
            learned = List.copyOf(learned);
        }
    }

    /**
     * Scrubs one record without this scrubber's memory of names, and says which user names it gave away: with
     * {@link #scrubKnowing} and a {@link LearnedIdentities} of its own, a caller applies names learned from earlier
     * records in an order that does not depend on threads (the {@code scrub} command, in input order).
     *
     * @param kind  the record kind, which selects the format
     * @param input the record
     * @return the result and the names
     */
    public Learning scrubLearning(final RecordKind kind, final String input) {
        final List<List<String>> learned = new ArrayList<>(1);
        final ScrubResult result = scrub(formats.get(Objects.requireNonNull(kind, "kind")), input, null, Set.of(),
                learned, false);
        return new Learning(result, learned.isEmpty() ? List.of() : learned.get(0));
    }

    /**
     * Scrubs one record knowing user names from earlier records, or names the leak guard found in its output, which
     * are replaced wherever they occur in it as whole words, in every encoding the scrubber knows, as the names the
     * record itself gives away are; without this scrubber's memory, with a detection of its own.
     *
     * @param kind  the record kind, which selects the format, or null for free text (a key or a header)
     * @param input the record
     * @param known names learned before, or found by the guard
     * @return the scrubbed record and what was found, or the reason it could not be scrubbed
     */
    public ScrubResult scrubKnowing(final RecordKind kind, final String input, final Collection<String> known) {
        return scrub(kind == null ? text : formats.get(kind), input, null, known, null, false);
    }

    private ScrubResult scrub(final RecordFormat format, final String input, final Detections detections) {
        return scrub(format, input, detections, Set.of(), null, true);
    }

    private ScrubResult scrub(final RecordFormat format, final String input, final Detections detections,
            final Collection<String> known, final List<List<String>> learnedOut, final boolean useMemory) {
        Objects.requireNonNull(input, "input");
        final FindingCounter counter = new FindingCounter(detections);
        try {
            final String output = format.scrub(input, rewriter, counter);
            final LearnedNames learned = counter.learned();
            final List<String> given = learned.isEmpty() ? List.of() : learned.inOrder();
            if (learnedOut != null) {
                learnedOut.add(given);
            }
            final LearnedIdentities remembered = useMemory ? memory : null;
            final Set<String> earlier = remembered == null ? Set.of() : remembered.occurringIn(output);
            if (remembered != null) {
                remembered.remember(given);
            }
            boolean again = !learned.isEmpty() && learned.occurIn(output);
            for (final String name : known.isEmpty() ? earlier : known) {
                learned.learn(name);
                again = true;
            }
            if (again) {
                // The record named a user somewhere and left the name elsewhere, or holds a name an earlier record
                // gave away: scrub it again knowing the names. Its own detection, so nothing shared with other
                // records or tiers sees these findings.
                final FindingCounter second = new FindingCounter();
                return new ScrubResult.Scrubbed(format.scrub(input, rewriter.knowing(learned), second),
                        second.snapshot());
            }
            return new ScrubResult.Scrubbed(output, counter.snapshot());
        } catch (final UnrewritableException e) {
            return new ScrubResult.Failed(e.reason(), e.getMessage());
        } catch (final RuntimeException | StackOverflowError e) {
            return new ScrubResult.Failed(REASON_INTERNAL_ERROR, e.getClass().getName());
        }
    }
}
