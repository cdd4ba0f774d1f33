package org.operatefirst.anonymizer.scrubbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.ContextUsernameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.EmbeddedIpDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.LoginContextDetector;
import org.operatefirst.anonymizer.scrubbers.detect.SecretDetector;
import org.operatefirst.anonymizer.scrubbers.detect.TokenShapeDetector;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.rewrite.IpRange;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;

/**
 * A second, independent check of a scrubbed record before it is published. It does not trust the scrubber's
 * formats, overlap resolution or rewriting; it looks at the output text as a reader would, and at the raw record
 * it came from:
 *
 * <ol>
 *   <li>every email address in the output is a pseudonym ({@code u<token>@d<token>.invalid}, or a kept domain);</li>
 *   <li>every secret the secret and token shape detectors find in the output is a redaction marker;</li>
 *   <li>no identifier of the identity directory appears in the output;</li>
 *   <li>no email address, IP address (outside the kept ranges, also inside host names), escaped, context or
 *       login-context user name, or secret detected in the raw record appears in the output, in the same
 *       encoding.</li>
 * </ol>
 *
 * A raw text is {@link #inspect inspected} once, however many outputs are made from it (the tiers of a record), and
 * each output is then checked against the inspection. A hit means a bug or a gap in the scrubber: the caller
 * corrects a user name by scrubbing once more knowing it ({@link Leak#correctable}) or quarantines the record, and
 * counts either. Reasons never carry the leaked value. Immutable and thread-safe (a {@link RawText} is not: one per
 * record); linear in the length of the texts.
 */
public final class LeakGuard {

    /** Prefix of the quarantine reason of a record the guard stopped. */
    public static final String REASON_PREFIX = "leak-blocked-";

    private static final String MARKER_PREFIX = "[REDACTED:";
    private static final String URL_MARKER = FindingType.URL_CREDENTIALS.marker();
    private static final String URL_MARKER_LOCAL_PART = URL_MARKER.substring(URL_MARKER.indexOf(':') + 1);
    private static final int URL_MARKER_PREFIX = URL_MARKER.indexOf(':') + 1;
    private static final int LOCAL_TOKEN_LENGTH = 12;
    private static final int DOMAIN_TOKEN_LENGTH = 8;
    /** Raw values shorter than this are not searched for in the output: too likely to occur by chance. */
    private static final int MIN_ECHO_LENGTH = 4;

    private static final String DIRECTORY_CHECK = "identity directory";

    private final EmailDetector emails = new EmailDetector();
    private final SecretDetector secrets = new SecretDetector();
    private final TokenShapeDetector tokenShapes = new TokenShapeDetector();
    private final List<Detector> rawIdentifiers;
    private final Detector directory;
    private final Set<String> keptDomains;
    private final List<IpRange> keptRanges;

    private LeakGuard(final ScrubPolicy policy, final IdentityDirectory identities) {
        this.keptDomains = policy.keptEmailDomains();
        this.keptRanges = policy.keptRanges();
        this.directory = identities.isEmpty() ? null : identities.detector();
        this.rawIdentifiers = List.of(emails, new IpAddressDetector(), new EmbeddedIpDetector(),
                new KubeSpawnerNameDetector(policy.nameTemplates()),
                new ContextUsernameDetector(policy.usernameFields()), new LoginContextDetector(), secrets,
                tokenShapes);
    }

    /**
     * Creates the guard of a policy.
     *
     * @param policy     the policy the scrubbers follow (kept domains and ranges, name templates, user name fields)
     * @param identities the identity directory, possibly empty
     * @return the guard
     */
    public static LeakGuard create(final ScrubPolicy policy, final IdentityDirectory identities) {
        return new LeakGuard(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(identities,
                "identities"));
    }

    /**
     * What the guard found: the type of the leaked value and which check found it. The value itself stays inside:
     * only {@link #correctable} gives it out, and only for a user name, to scrub the record once more knowing it;
     * the reason and {@link #toString} never carry it, so it is neither logged nor written anywhere.
     */
    public static final class Leak {

        private final FindingType type;
        private final String check;
        private final String value;

        private Leak(final FindingType type, final String check, final String value) {
            this.type = type;
            this.check = check;
            this.value = value;
        }

        /**
         * The type of the leaked value.
         *
         * @return the type
         */
        public FindingType type() {
            return type;
        }

        /**
         * Which check found it, for example {@code raw value in the output}.
         *
         * @return the check
         */
        public String check() {
            return check;
        }

        /**
         * The quarantine reason for this leak, for example {@code leak-blocked-email}.
         *
         * @return the reason
         */
        public String reason() {
            return REASON_PREFIX + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * The user name a scrubber can replace, as a known word, to correct the output: the leaked value of a user
         * name, an escaped user name (unescaped) or a person's name. Email addresses, IP addresses and secrets have
         * shapes the scrubber already knows; a leak of one is a bug that a known word does not fix.
         *
         * @return the name to scrub the record knowing, or empty if this leak is not corrected that way
         */
        public Optional<String> correctable() {
            return switch (type) {
                case USERNAME, PERSON_NAME -> Optional.of(value);
                // An escaped address is not a name a scrubber learns; the escaped form is, as a word.
                case ESCAPED_USERNAME -> Optional.of(KubeSpawnerEscape.unescape(value)
                        .filter(name -> name.indexOf('@') < 0).orElse(value));
                default -> Optional.empty();
            };
        }

        @Override
        public String toString() {
            return "Leak[type=" + type + ", check=" + check + "]";
        }
    }

    /**
     * Checks one output text against itself and the raw text it was made from. For several outputs of one raw text
     * (the tiers of a record), {@link #inspect} it once and check each output with {@link #check(RawText, String)}.
     *
     * @param raw    the raw text, or null if there is none (then only the output is checked)
     * @param output the scrubbed text about to be published
     * @return the first leak found, or empty if the output passes
     */
    public Optional<Leak> check(final String raw, final String output) {
        return check(raw == null || raw.isEmpty() ? null : inspect(raw), output);
    }

    /**
     * Checks one output text against itself and a raw text inspected before. An output equal to the raw text is
     * judged on what the inspection found in the raw text, which is the same text: nothing is searched twice.
     *
     * @param raw    the inspected raw text, or null if there is none (then only the output is checked)
     * @param output the scrubbed text about to be published
     * @return the first leak found, or empty if the output passes
     */
    public Optional<Leak> check(final RawText raw, final String output) {
        Objects.requireNonNull(output, "output");
        if (raw != null && raw.text.equals(output)) {
            return raw.unchanged();
        }
        Optional<Leak> leak = checkEmails(output, found(emails, output));
        if (leak.isEmpty()) {
            final List<Finding> found = found(secrets, output);
            tokenShapes.detect(output, found);
            leak = checkSecrets(output, found);
        }
        if (leak.isEmpty() && directory != null) {
            leak = first(directory, output);
        }
        if (leak.isEmpty() && raw != null) {
            leak = checkEchoes(raw, output);
        }
        return leak;
    }

    /**
     * Detects, once, the identifiers of a raw text that no output made from it may hold: its email addresses
     * (other than pseudonyms), IP addresses outside the kept ranges (also inside host names), escaped and context
     * user names, and secrets (other than redaction markers), each value once.
     *
     * @param raw the raw text
     * @return the inspected text, for {@link #check(RawText, String)}
     */
    public RawText inspect(final String raw) {
        Objects.requireNonNull(raw, "raw");
        final Map<String, RawIdentifier> identifiers = new LinkedHashMap<>();
        final List<Finding> emailsFound = found(emails, raw);
        final List<Finding> secretsFound = new ArrayList<>();
        final List<Finding> found = new ArrayList<>();
        for (final Detector detector : rawIdentifiers) {
            found.clear();
            if (detector == emails) {
                found.addAll(emailsFound);
            } else {
                detector.detect(raw, found);
                if (detector == secrets || detector == tokenShapes) {
                    secretsFound.addAll(found);
                }
            }
            for (final Finding finding : found) {
                final String value = raw.substring(finding.start(), finding.end());
                if (value.length() < MIN_ECHO_LENGTH || finding.type().isSecret() && isMarker(value)
                        || finding.type() == FindingType.EMAIL && isPseudonymousEmail(raw, finding.start(), value)
                        || isKeptAddress(finding.type(), value)) {
                    continue;
                }
                // The output is searched in any case: one search per value, whatever case it was written in.
                identifiers.putIfAbsent(value.toLowerCase(Locale.ROOT), new RawIdentifier(finding.type(), value));
            }
        }
        return new RawText(raw, List.copyOf(identifiers.values()), emailsFound, secretsFound);
    }

    /**
     * A raw text inspected by {@link #inspect}: the identifiers found in it, and what the output checks find in it,
     * for an output that is the raw text unchanged. Not thread-safe: one per record and thread.
     */
    public final class RawText {

        private final String text;
        private final List<RawIdentifier> identifiers;
        private final List<Finding> emailsFound;
        private final List<Finding> secretsFound;
        private Optional<Leak> unchanged;

        private RawText(final String text, final List<RawIdentifier> identifiers, final List<Finding> emailsFound,
                final List<Finding> secretsFound) {
            this.text = text;
            this.identifiers = identifiers;
            this.emailsFound = emailsFound;
            this.secretsFound = secretsFound;
        }

        /** The checks of an output equal to this text, in the order of {@link #check(RawText, String)}, once. */
        private Optional<Leak> unchanged() {
            if (unchanged == null) {
                Optional<Leak> leak = checkEmails(text, emailsFound);
                if (leak.isEmpty()) {
                    leak = checkSecrets(text, secretsFound);
                }
                if (leak.isEmpty() && directory != null) {
                    leak = first(directory, text);
                }
                if (leak.isEmpty()) {
                    leak = checkEchoes(this, text);
                }
                unchanged = leak;
            }
            return unchanged;
        }
    }

    private boolean isKeptAddress(final FindingType type, final String value) {
        return switch (type) {
            case IPV4, IPV6 -> IpRange.keeps(keptRanges, value);
            case IPV4_HYPHENATED -> IpRange.keeps(keptRanges, value.replace('-', '.'));
            default -> false;
        };
    }

    private static List<Finding> found(final Detector detector, final String text) {
        final List<Finding> found = new ArrayList<>();
        detector.detect(text, found);
        return found;
    }

    private Optional<Leak> checkEmails(final String output, final List<Finding> found) {
        for (final Finding finding : found) {
            if (!isPseudonymousEmail(output, finding.start(), output.substring(finding.start(), finding.end()))) {
                return Optional.of(new Leak(FindingType.EMAIL, "email that is not a pseudonym",
                        output.substring(finding.start(), finding.end())));
            }
        }
        return Optional.empty();
    }

    private boolean isPseudonymousEmail(final String text, final int start, final String span) {
        // What a redacted URL credential leaves before its host, REDACTED:url-credentials@host, reads as an address.
        if (span.startsWith(URL_MARKER_LOCAL_PART) && text.startsWith(URL_MARKER, start - URL_MARKER_PREFIX)) {
            return true;
        }
        String address = span.toLowerCase(Locale.ROOT);
        while (address.contains("%25")) {
            address = address.replace("%25", "%");
        }
        address = address.replace("%40", "@");
        final int at = address.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        final String local = address.substring(0, at);
        final String domain = address.substring(at + 1);
        if (!isToken(local, 'u', LOCAL_TOKEN_LENGTH)) {
            return false;
        }
        if (keptDomains.contains(domain)) {
            return true;
        }
        final String suffix = "." + Pseudonymizer.PSEUDONYM_TLD;
        return domain.endsWith(suffix)
                && isToken(domain.substring(0, domain.length() - suffix.length()), 'd', DOMAIN_TOKEN_LENGTH);
    }

    /** Whether a text is {@code prefix} followed by exactly {@code length} lower-case base32 characters. */
    private static boolean isToken(final String text, final char prefix, final int length) {
        if (text.length() != length + 1 || text.charAt(0) != prefix) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    /** The secrets found in an output, by the secret detector and then the token shapes, must all be markers. */
    private Optional<Leak> checkSecrets(final String output, final List<Finding> found) {
        for (final Finding finding : found) {
            if (!isMarker(output.substring(finding.start(), finding.end()))) {
                return Optional.of(new Leak(finding.type(), "secret that is not redacted",
                        output.substring(finding.start(), finding.end())));
            }
        }
        return Optional.empty();
    }

    private static boolean isMarker(final String span) {
        String value = span.strip();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            value = value.substring(1, value.length() - 1);
        }
        while (value.endsWith("\\")) {
            value = value.substring(0, value.length() - 1);
        }
        return value.startsWith(MARKER_PREFIX) && value.endsWith("]") && value.indexOf(']') == value.length() - 1
                || value.equals(URL_MARKER);
    }

    private static Optional<Leak> checkEchoes(final RawText raw, final String output) {
        for (final RawIdentifier identifier : raw.identifiers) {
            if (appearsAsToken(output, identifier.value())) {
                return Optional.of(new Leak(identifier.type(), "raw value in the output", identifier.value()));
            }
        }
        return Optional.empty();
    }

    /** An identifier found in a raw record, as written there, that must not appear in any output made from it. */
    private record RawIdentifier(FindingType type, String value) {
    }

    /**
     * Whether {@code value} occurs in {@code text}, in any case, and is not part of a longer token there. The text is
     * searched as it is, not lower-cased first: only where its character is the value's first one in either case is
     * the rest compared.
     */
    private static boolean appearsAsToken(final String text, final String value) {
        final boolean address = value.indexOf(':') >= 0 || !value.isEmpty() && Character.isDigit(value.charAt(0));
        final int length = value.length();
        final int last = text.length() - length;
        final char lower = Character.toLowerCase(value.charAt(0));
        final char upper = Character.toUpperCase(value.charAt(0));
        // The next occurrence of each form of the first character at or after the search position; each is
        // searched again only once the search has passed it, so the text is read once per form.
        int nextLower = text.indexOf(lower);
        int nextUpper = upper == lower ? -1 : text.indexOf(upper);
        while (true) {
            final int at = nextLower < 0 ? nextUpper : nextUpper < 0 ? nextLower : Math.min(nextLower, nextUpper);
            if (at < 0 || at > last) {
                return false;
            }
            final int end = at + length;
            if (text.regionMatches(true, at, value, 0, length)
                    && !continues(text, at - 1, at - 2, value, address) && !continues(text, end, end + 1, value, address)) {
                return true;
            }
            if (at == nextLower) {
                nextLower = text.indexOf(lower, at + 1);
            }
            if (at == nextUpper) {
                nextUpper = text.indexOf(upper, at + 1);
            }
        }
    }

    /**
     * Whether the character at {@code next} (with {@code beyond} one further out) extends the token: a letter, digit
     * or underscore always does; around an address a dot followed by a digit does ({@code 10.1.2.3.4}), and so does
     * a colon around an IPv6 address, but not a colon after an IPv4 address (a port).
     */
    private static boolean continues(final String text, final int next, final int beyond, final String value,
            final boolean address) {
        if (next < 0 || next >= text.length()) {
            return false;
        }
        final char c = text.charAt(next);
        if (Character.isLetterOrDigit(c) || c == '_') {
            return true;
        }
        if (!address) {
            return false;
        }
        if (c == '.') {
            return beyond >= 0 && beyond < text.length() && Character.isDigit(text.charAt(beyond));
        }
        return c == ':' && value.indexOf(':') >= 0;
    }

    private static Optional<Leak> first(final Detector detector, final String text) {
        final List<Finding> found = new ArrayList<>(1);
        detector.detect(text, found);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        final Finding finding = found.get(0);
        return Optional.of(new Leak(finding.type(), DIRECTORY_CHECK, text.substring(finding.start(), finding.end())));
    }
}
