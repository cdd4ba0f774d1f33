package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;
import org.operatefirst.anonymizer.scrubbers.detect.PlatformUsers;

/**
 * Rewrites one string: runs every detector, resolves overlapping findings, and replaces each finding with its
 * pseudonym. The building block of every record format. Thread-safe.
 */
public final class TextRewriter {

    /** Reason of a failure to rewrite a detected value. */
    public static final String REASON_UNREWRITABLE = "unrewritable-finding";

    private final Detection detection;
    private final Pseudonymizer pseudonymizer;

    /**
     * Creates a rewriter.
     *
     * @param detectors     the detectors, run in order on every string
     * @param pseudonymizer the rewriting of each finding
     */
    public TextRewriter(final List<Detector> detectors, final Pseudonymizer pseudonymizer) {
        this(new Detection(detectors), pseudonymizer);
    }

    /**
     * Creates a rewriter on a detection that other rewriters (of other tiers) may share.
     *
     * @param detection     what the detectors find in a text
     * @param pseudonymizer the rewriting of each finding
     */
    public TextRewriter(final Detection detection, final Pseudonymizer pseudonymizer) {
        this.detection = Objects.requireNonNull(detection, "detection");
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    }

    /**
     * Rewrites every finding in free text.
     *
     * @param text    the text
     * @param counter counts what was rewritten
     * @return the text with every finding replaced; the same instance if nothing was found
     * @throws UnrewritableException if a finding cannot be rewritten
     */
    public String rewrite(final String text, final FindingCounter counter) {
        final List<Finding> resolved = detection.find(text, counter.detections());
        if (resolved.isEmpty()) {
            return text;
        }
        final StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        for (final Finding finding : resolved) {
            final String value = text.substring(finding.start(), finding.end());
            final Optional<String> pseudonym = switch (finding.type()) {
                case EMAIL -> pseudonymizer.email(value);
                case IPV4 -> pseudonymizer.ipv4(value, IpAddresses.prefixLengthAfter(text, finding.end()));
                case IPV6 -> pseudonymizer.ipv6(value, IpAddresses.prefixLengthAfter(text, finding.end()));
                case IPV4_HYPHENATED -> pseudonymizer.ipv4(value.replace('-', '.')).map(ip -> ip.replace('.', '-'));
                case MAC_ADDRESS -> pseudonymizer.mac(value);
                case ESCAPED_USERNAME -> {
                    KubeSpawnerEscape.unescape(value).ifPresent(counter.learned()::learn);
                    yield pseudonymizer.escapedUsername(value);
                }
                case SAFE_SLUG -> Optional.of(pseudonymizer.safeSlugUsername(value));
                case USERNAME -> {
                    counter.learned().learn(PercentEncoding.decodeFully(value));
                    yield Optional.of(pseudonymizer.contextUsername(value));
                }
                case PERSON_NAME -> Optional.of(pseudonymizer.username(value));
                case BEARER_TOKEN, OPENSHIFT_TOKEN, JWT, OAUTH_PARAMETER, PASSWORD, URL_CREDENTIALS,
                        AWS_ACCESS_KEY, AWS_SECRET_KEY, GITHUB_TOKEN, PRIVATE_KEY, SLACK_TOKEN, GOOGLE_API_KEY,
                        GITLAB_TOKEN, NPM_TOKEN, BASIC_AUTH, SESSION_ID ->
                        Optional.of(finding.type().marker());
            };
            if (pseudonym.isEmpty()) {
                throw new UnrewritableException(REASON_UNREWRITABLE, "a " + finding.type().name()
                        .toLowerCase(Locale.ROOT) + " finding at " + finding.start() + " could not be rewritten");
            }
            out.append(text, copied, finding.start()).append(pseudonym.get());
            copied = finding.end();
            counter.add(finding.type());
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /**
     * A rewriter that also finds, as whole words, the user names a record gave away ({@link LearnedNames}), to
     * scrub that record again. Its detection is its own: nothing it finds is remembered for other texts.
     *
     * @param learned the names
     * @return the rewriter, for this record only
     */
    public TextRewriter knowing(final LearnedNames learned) {
        return new TextRewriter(detection.with(learned.detector()), pseudonymizer);
    }

    /**
     * Replaces the whole value of a field that holds a secret, such as {@code "password": "..."}.
     *
     * @param type    the kind of secret
     * @param counter counts what was rewritten
     * @return the typed marker
     */
    public String redact(final FindingType type, final FindingCounter counter) {
        if (!type.isSecret()) {
            throw new IllegalArgumentException(type + " is not a secret");
        }
        counter.add(type);
        return type.marker();
    }

    /**
     * The pseudonymizer, for formats that rewrite structured values themselves.
     *
     * @return the pseudonymizer
     */
    public Pseudonymizer pseudonymizer() {
        return pseudonymizer;
    }

    /**
     * Rewrites the value of a field that holds a user name as a whole, such as the {@code user} label of a metric
     * or the {@code hub.jupyter.org/username} annotation: an email address becomes its email pseudonym, any other
     * name its user name pseudonym, or its KubeSpawner slug's pseudonym if the value is a directory person's slug.
     * Empty values, service accounts and other platform users ({@link PlatformUsers}) are scanned like free text,
     * not replaced.
     *
     * @param value   the field's value
     * @param counter counts what was rewritten
     * @return the pseudonym, or the scanned value
     * @throws UnrewritableException if a finding cannot be rewritten
     */
    public String rewriteUsername(final String value, final FindingCounter counter) {
        final String name = value.strip();
        if (PlatformUsers.isPlatformUser(name)) {
            return rewrite(value, counter);
        }
        if (Pseudonymizer.isEmailAddress(name.toLowerCase(Locale.ROOT))) {
            final Optional<String> email = pseudonymizer.email(name);
            if (email.isPresent()) {
                counter.add(FindingType.EMAIL);
                return email.get();
            }
        }
        counter.add(FindingType.USERNAME);
        counter.learned().learn(name);
        return pseudonymizer.safeSlugUsername(name, KubeSpawnerSafeSlug.Form.LABEL);
    }
}
