package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;
import org.operatefirst.anonymizer.scrubbers.detect.ObfuscatedEmailDetector;
import org.operatefirst.anonymizer.scrubbers.directory.IdentifierKind;
import org.operatefirst.anonymizer.scrubbers.directory.Identity;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.directory.SlugMatch;
import org.operatefirst.anonymizer.scrubbers.pseudonym.BoundedCache;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MacPermutation;

/**
 * Rewrites one detected value into its keyed pseudonym, in the same representation: an email stays an email in the
 * same percent-encoding depth, an IP address stays an address of the same family (prefix-preserving, by
 * Crypto-PAn), a user name in a KubeSpawner pod name stays an escaped user name. One person gets one pseudonym in
 * every representation. Deterministic for a given key and value; thread-safe.
 *
 * <p>With an {@link IdentityDirectory}, a person's identifiers (user name, email addresses, display name) all get
 * the person's one token, keyed on the person's canonical key; each is rendered in its own shape. Values the
 * directory does not know are keyed on themselves, as without a directory.
 */
public final class Pseudonymizer {

    /** Top-level domain of pseudonymized email domains: reserved by RFC 2606, so never a real domain. */
    public static final String PSEUDONYM_TLD = "invalid";
    /** Length of the keyed token in a pseudonymized email's local part. */
    static final int LOCAL_TOKEN_LENGTH = 12;
    /** Length of the keyed token in a pseudonymized email domain. */
    static final int DOMAIN_TOKEN_LENGTH = 8;

    private static final int RESULT_CACHE_CAPACITY = 16_384;

    private final KeyedTokenizer identities;
    private final KeyedTokenizer domains;
    private final CryptoPan addresses;
    private final List<IpRange> keptRanges;
    private final Set<String> keptDomains;
    private final IdentityDirectory directory;
    private final MacPermutation macs;
    private final boolean keepMacVendor;
    private final BoundedCache<String, Optional<String>> macAddresses = new BoundedCache<>(RESULT_CACHE_CAPACITY);
    private final Function<String, Optional<String>> computeMac = this::computeMac;
    /** Pseudonyms of the addresses and emails seen last, as written: the same few recur in every record. */
    private final BoundedCache<String, Optional<String>> emails = new BoundedCache<>(RESULT_CACHE_CAPACITY);
    private final BoundedCache<String, Optional<String>> addresses4 = new BoundedCache<>(RESULT_CACHE_CAPACITY);
    private final BoundedCache<String, Optional<String>> addresses6 = new BoundedCache<>(RESULT_CACHE_CAPACITY);
    private final BoundedCache<String, String> usernames = new BoundedCache<>(RESULT_CACHE_CAPACITY);
    // The computations behind the caches, made once rather than as a new lambda per lookup.
    private final Function<String, Optional<String>> computeEmail = this::computeEmail;
    private final Function<String, String> computeUsername = this::computeUsername;
    private final Function<String, Optional<String>> computeIpv4 = literal -> computeIpv4(literal, -1);
    private final Function<String, Optional<String>> computeIpv6 = literal -> computeIpv6(literal, -1);

    /**
     * Creates a pseudonymizer from three independent keys.
     *
     * @param identities HMAC tokens for people (email addresses, user names)
     * @param domains    HMAC tokens for email domains
     * @param addresses  Crypto-PAn for IP addresses
     */
    public Pseudonymizer(final KeyedTokenizer identities, final KeyedTokenizer domains, final CryptoPan addresses) {
        this(identities, domains, addresses, List.of(), Set.of());
    }

    /**
     * Creates a pseudonymizer that keeps some addresses and email domains as they are.
     *
     * @param identities  HMAC tokens for people (email addresses, user names)
     * @param domains     HMAC tokens for email domains
     * @param addresses   Crypto-PAn for IP addresses
     * @param keptRanges  addresses in these ranges are not people's and are kept
     * @param keptDomains email domains (lower case) kept in pseudonymized addresses
     */
    public Pseudonymizer(final KeyedTokenizer identities, final KeyedTokenizer domains, final CryptoPan addresses,
            final List<IpRange> keptRanges, final Set<String> keptDomains) {
        this(identities, domains, addresses, keptRanges, keptDomains, IdentityDirectory.empty());
    }

    /**
     * Creates a pseudonymizer that gives each person of a directory one pseudonym.
     *
     * @param identities  HMAC tokens for people (email addresses, user names)
     * @param domains     HMAC tokens for email domains
     * @param addresses   Crypto-PAn for IP addresses
     * @param keptRanges  addresses in these ranges are not people's and are kept
     * @param keptDomains email domains (lower case) kept in pseudonymized addresses
     * @param directory   the people whose identifiers share one pseudonym; {@link IdentityDirectory#empty()} for
     *                    none
     */
    public Pseudonymizer(final KeyedTokenizer identities, final KeyedTokenizer domains, final CryptoPan addresses,
            final List<IpRange> keptRanges, final Set<String> keptDomains, final IdentityDirectory directory) {
        this(identities, domains, addresses, keptRanges, keptDomains, directory, null, true);
    }

    /**
     * Creates a pseudonymizer that also pseudonymizes MAC addresses.
     *
     * @param identities    HMAC tokens for people (email addresses, user names)
     * @param domains       HMAC tokens for email domains
     * @param addresses     Crypto-PAn for IP addresses
     * @param keptRanges    addresses in these ranges are not people's and are kept
     * @param keptDomains   email domains (lower case) kept in pseudonymized addresses
     * @param directory     the people whose identifiers share one pseudonym; {@link IdentityDirectory#empty()} for
     *                      none
     * @param macs          the keyed permutation of MAC addresses; null if this pseudonymizer has no MAC key, and
     *                      then a MAC address cannot be rewritten ({@link #mac} is empty) and fails its record
     * @param keepMacVendor whether a universally administered MAC address keeps its vendor prefix (OUI)
     */
    public Pseudonymizer(final KeyedTokenizer identities, final KeyedTokenizer domains, final CryptoPan addresses,
            final List<IpRange> keptRanges, final Set<String> keptDomains, final IdentityDirectory directory,
            final MacPermutation macs, final boolean keepMacVendor) {
        this.macs = macs;
        this.keepMacVendor = keepMacVendor;
        this.directory = Objects.requireNonNull(directory, "directory");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.domains = Objects.requireNonNull(domains, "domains");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.keptRanges = List.copyOf(keptRanges);
        this.keptDomains = Set.copyOf(keptDomains);
    }

    private boolean kept(final byte[] address) {
        for (final IpRange range : keptRanges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pseudonymizes an email address as it appeared: plain ({@code jane@example.org}), percent-encoded one or
     * more times ({@code jane%40example.org}, {@code jane%2540example.org}), or with its {@code @} (and dots)
     * obfuscated as {@link ObfuscatedEmailDetector} finds them ({@code jane&#64;example.org},
     * {@code jane [at] example [dot] org}), whose pseudonym is the plain address's written the same way. The person's identity is the whole
     * address, case-insensitive; the pseudonym is {@code u<token>@d<token>.invalid}, encoded as deep as the input.
     *
     * @param text the address as it appeared
     * @return the pseudonym in the same encoding, or empty if the text is not an address
     */
    public Optional<String> email(final String text) {
        return emails.get(text, computeEmail);
    }

    private Optional<String> computeEmail(final String text) {
        if (text.indexOf('@') < 0) {
            final Optional<ObfuscatedEmailDetector.Obfuscation> obfuscated = ObfuscatedEmailDetector.parse(text);
            if (obfuscated.isPresent()) {
                // The plain address's pseudonym, written with the same obfuscation: one person, one pseudonym.
                final ObfuscatedEmailDetector.Obfuscation o = obfuscated.get();
                return email(o.address()).map(plain -> {
                    final int at = plain.indexOf('@');
                    return plain.substring(0, at) + o.at() + plain.substring(at + 1).replace(".", o.dot());
                });
            }
        }
        int depth = 0;
        String decoded = text;
        while (decoded.indexOf('@') < 0) {
            if (depth == 8) {
                return Optional.empty();
            }
            final Optional<String> layer = PercentEncoding.decode(decoded);
            if (layer.isEmpty() || layer.get().equals(decoded)) {
                return Optional.empty();
            }
            decoded = layer.get();
            depth++;
        }
        final String canonical = decoded.toLowerCase(Locale.ROOT);
        final int at = canonical.lastIndexOf('@');
        if (at <= 0 || at == canonical.length() - 1 || canonical.indexOf('@') != at) {
            return Optional.empty();
        }
        final String domain = canonical.substring(at + 1);
        final String pseudonymAt;
        if (depth == 0) {
            pseudonymAt = "@";
        } else {
            pseudonymAt = "%" + "25".repeat(depth - 1) + "40";
        }
        final String pseudonymDomain = keptDomains.contains(domain)
                ? domain
                : "d" + domains.token(domain, DOMAIN_TOKEN_LENGTH) + "." + PSEUDONYM_TLD;
        return Optional.of(username(canonical) + pseudonymAt + pseudonymDomain);
    }

    /**
     * Pseudonymizes a user name that is not an email address: {@code u} and the keyed token of the lower-cased
     * name. The same token forms the local part of an email pseudonym, which is keyed on the whole address. A name
     * the directory knows (any of a person's identifiers) is keyed on the person's canonical key instead, so that
     * {@code jdoe}, {@code Jane Doe} and the local part of {@code jdoe@example.org}'s pseudonym agree.
     *
     * @param username the user name, for example {@code jdoe}
     * @return for example {@code u7k3q9x2m4abc}
     */
    public String username(final String username) {
        return usernames.get(username, computeUsername);
    }

    private String computeUsername(final String username) {
        final String key = directory.lookup(username).map(Identity::personKey)
                .orElseGet(() -> username.toLowerCase(Locale.ROOT));
        return "u" + identities.token(key, LOCAL_TOKEN_LENGTH);
    }

    /**
     * Pseudonymizes a user name in KubeSpawner 7's {@code safe} slug form ({@link KubeSpawnerSafeSlug}), as it
     * appears in pod and claim names. A slug of a directory identifier becomes the same kind of slug of the
     * person's pseudonym, in the identifier's shape (an email's slug becomes the slug of the person's email
     * pseudonym): the name KubeSpawner would give the pseudonymous user. Any other value, which the lossy scheme
     * does not let us decode, is keyed on itself as a user name ({@link #username}), whose pseudonym {@code u<12>}
     * is its own slug.
     *
     * @param slug for example {@code jdoe-example-org---1a2b3c4d}
     * @return the pseudonymous slug, for example {@code u<12>-d<8>-invalid---<8 hex>} or {@code u<12>}
     */
    public String safeSlugUsername(final String slug) {
        return safeSlugUsername(slug, KubeSpawnerSafeSlug.Form.NAME);
    }

    /**
     * Pseudonymizes a user name in KubeSpawner 7's {@code safe} slug form found where slugs of a given form are
     * used, such as a label value. A short slug can be both forms at once; the context decides which form the
     * pseudonym's slug takes.
     *
     * @param slug    the slug
     * @param context the form slugs take where this one was found
     * @return the pseudonymous slug
     */
    public String safeSlugUsername(final String slug, final KubeSpawnerSafeSlug.Form context) {
        final Optional<SlugMatch> match = directory.lookupSlug(slug);
        if (match.isEmpty()) {
            return username(slug);
        }
        final Identity identity = match.get().identity();
        final String identifier = identity.identifier();
        KubeSpawnerSafeSlug.Form form = match.get().form();
        if (form != context && (KubeSpawnerSafeSlug.slug(identifier, context).equals(slug)
                || KubeSpawnerSafeSlug.slug(identifier.toLowerCase(Locale.ROOT), context).equals(slug))) {
            form = context;
        }
        final String pseudonym = identity.kind() == IdentifierKind.EMAIL
                ? email(identifier).orElseGet(() -> username(identifier))
                : username(identifier);
        return KubeSpawnerSafeSlug.slug(pseudonym, form);
    }

    /**
     * Pseudonymizes a value that its context marks as a user name, such as the {@code <name>} of {@code /user/<name>/}
     * or of {@code user="<name>"}: percent-encoding is decoded first (a name is keyed as the hub sees it), then the
     * value is taken as a user name or a KubeSpawner slug ({@link #safeSlugUsername}). Email addresses are not
     * passed here but to {@link #email}, which keeps their encoding.
     *
     * @param value the value as it appeared
     * @return the pseudonym, {@code u<12>} or a slug
     */
    public String contextUsername(final String value) {
        String decoded = value;
        for (int depth = 0; depth < 8 && decoded.indexOf('%') >= 0; depth++) {
            final Optional<String> layer = PercentEncoding.decode(decoded);
            if (layer.isEmpty()) {
                break;
            }
            decoded = layer.get();
        }
        return safeSlugUsername(decoded);
    }

    /**
     * The directory whose people get one pseudonym each.
     *
     * @return the directory, possibly empty
     */
    public IdentityDirectory directory() {
        return directory;
    }

    /**
     * Pseudonymizes a user name in KubeSpawner's escaped form ({@link KubeSpawnerEscape}), as it appears in pod and
     * volume claim names such as {@code jupyterhub-nb-jdoe-40example-2eorg}. The name is decoded and lower-cased
     * (KubeSpawner escapes upper-case letters, which the hub treats as the same user). A user name that is an
     * email address gets exactly its {@link #email} pseudonym, so the pod of {@code jdoe@example.org} carries the
     * pseudonym that replaces {@code jdoe@example.org} in log lines; any other user name gets {@code u<token>},
     * keyed like the local part of an email pseudonym. The pseudonym is returned escaped, so the rewritten pod name
     * is the one KubeSpawner would give the pseudonymous user: {@code u<12>-40d<8>-2einvalid} (35 characters)
     * or {@code u<12>} (13 characters).
     *
     * @param escaped the escaped user name, for example {@code jdoe-40example-2eorg}
     * @return the escaped pseudonym, or empty if the text is not an escaped user name
     */
    public Optional<String> escapedUsername(final String escaped) {
        final Optional<String> decoded = KubeSpawnerEscape.unescape(escaped);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        final String username = decoded.get().toLowerCase(Locale.ROOT);
        final Optional<String> pseudonym = isEmailAddress(username)
                ? email(username)
                : Optional.of(username(username));
        return pseudonym.map(KubeSpawnerEscape::escape);
    }

    /** One {@code @} with something before it, and a dotted domain after it. */
    static boolean isEmailAddress(final String name) {
        final int at = name.indexOf('@');
        if (at <= 0 || name.indexOf('@', at + 1) >= 0) {
            return false;
        }
        final int dot = name.indexOf('.', at + 1);
        return dot > at + 1 && name.charAt(name.length() - 1) != '.' && name.indexOf("..", at) < 0;
    }

    /**
     * Pseudonymizes a MAC address as written by {@link org.operatefirst.anonymizer.scrubbers.detect.MacAddressDetector}:
     * six pairs of hex digits separated by {@code :} or {@code -}, or three groups of four separated by {@code .}.
     * The pseudonym ({@link MacPermutation}) is written in the same notation, in upper case if the input's hex
     * letters are all upper case and in lower case otherwise; a kept vendor prefix is kept exactly as written. The
     * same address gets the same pseudonym in every notation and case.
     *
     * @param text for example {@code 52:54:00:12:34:56}
     * @return the pseudonym, or empty if the text is not a MAC address or this pseudonymizer has no MAC key
     */
    public Optional<String> mac(final String text) {
        return macAddresses.get(text, computeMac);
    }

    private Optional<String> computeMac(final String text) {
        if (macs == null || text.length() != 17 && text.length() != 14) {
            return Optional.empty();
        }
        final byte[] address = new byte[6];
        final StringBuilder digits = new StringBuilder(12);
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final int value = Character.digit(c, 16);
            if (value >= 0 && c < 0x80) {
                digits.append(c);
                upper |= c >= 'A' && c <= 'F';
                lower |= c >= 'a' && c <= 'f';
            } else if (c != ':' && c != '-' && c != '.') {
                return Optional.empty();
            }
        }
        if (digits.length() != 12) {
            return Optional.empty();
        }
        for (int i = 0; i < 6; i++) {
            address[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        final byte[] pseudonym = macs.anonymize(address, keepMacVendor);
        final char[] hex = (upper && !lower ? "0123456789ABCDEF" : "0123456789abcdef").toCharArray();
        // Digits the pseudonym keeps stay as written, case included: all of a group address, or the vendor's.
        final int keptDigits = java.util.Arrays.equals(pseudonym, address) ? 12
                : keepMacVendor && (address[0] & 0x02) == 0 ? 6 : 0;
        final StringBuilder out = new StringBuilder(text.length());
        int digit = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == ':' || c == '-' || c == '.') {
                out.append(c);
                continue;
            }
            final int octet = pseudonym[digit / 2] & 0xff;
            final int nibble = digit % 2 == 0 ? octet >>> 4 : octet & 0xf;
            out.append(digit < keptDigits ? c : hex[nibble]);
            digit++;
        }
        return Optional.of(out.toString());
    }

    /**
     * Pseudonymizes a dotted-quad IPv4 address.
     *
     * @param text for example {@code 192.0.2.1}
     * @return the anonymized address, or empty if the text is not an IPv4 address
     */
    public Optional<String> ipv4(final CharSequence text) {
        return ipv4(text, -1);
    }

    /**
     * Pseudonymizes a dotted-quad IPv4 address written with a prefix length, as in {@code 10.128.0.0/14}. A
     * network address (no host bits set under the prefix) stays a network address: the host bits of the
     * pseudonym are cleared, so the CIDR stays valid. An interface address such as {@code 10.131.3.106/23} keeps
     * its host bits.
     *
     * @param text         for example {@code 10.128.0.0}
     * @param prefixLength the prefix length written after the address, or -1 if none
     * @return the anonymized address, or empty if the text is not an IPv4 address
     */
    public Optional<String> ipv4(final CharSequence text, final int prefixLength) {
        if (prefixLength < 0) {
            return addresses4.get(text.toString(), computeIpv4);
        }
        return computeIpv4(text, prefixLength);
    }

    private Optional<String> computeIpv4(final CharSequence text, final int prefixLength) {
        final byte[] address = IpAddresses.parseIpv4(text);
        if (address == null) {
            return Optional.empty();
        }
        if (kept(address)) {
            return Optional.of(text.toString());
        }
        return Optional.of(IpAddresses.formatIpv4(asNetwork(address, addresses.anonymize(address), prefixLength)));
    }

    /** Clears the pseudonym's host bits if the original is a network address under the prefix. */
    private static byte[] asNetwork(final byte[] original, final byte[] pseudonym, final int prefixLength) {
        if (prefixLength < 0 || prefixLength >= original.length * 8
                || !IpAddresses.hostBitsClear(original, prefixLength)) {
            return pseudonym;
        }
        return IpAddresses.clearHostBits(pseudonym, prefixLength);
    }

    /**
     * Pseudonymizes an IPv6 address, with an optional zone id, which is kept. An IPv4-mapped address keeps its
     * {@code ::ffff:} prefix and its IPv4 part is anonymized as IPv4, so the same host gets the same pseudonym
     * in both forms. Other addresses are anonymized over all 128 bits and written in RFC 5952 form.
     *
     * @param text for example {@code fe80::1%eth0} or {@code ::ffff:192.0.2.1}
     * @return the anonymized address, or empty if the text is not an IPv6 address
     */
    public Optional<String> ipv6(final String text) {
        return ipv6(text, -1);
    }

    /**
     * Pseudonymizes an IPv6 address written with a prefix length, as in {@code 2001:db8::/32}: like
     * {@link #ipv4(CharSequence, int)}, a network address stays a network address. Colons percent-encoded once or
     * more ({@code 2001%3Adb8%3A%3A1}, as in URL query values) stay encoded the same way.
     *
     * @param text         for example {@code 2001:db8::}
     * @param prefixLength the prefix length written after the address, or -1 if none
     * @return the anonymized address, or empty if the text is not an IPv6 address
     */
    public Optional<String> ipv6(final String text, final int prefixLength) {
        if (prefixLength < 0) {
            return addresses6.get(text, computeIpv6);
        }
        return computeIpv6(text, prefixLength);
    }

    private Optional<String> computeIpv6(final String text, final int prefixLength) {
        final String encodedColon = encodedColon(text);
        if (encodedColon != null) {
            return ipv6(replaceIgnoreCase(text, encodedColon, ":"), prefixLength)
                    .map(plain -> plain.replace(":", encodedColon));
        }
        final int percent = text.indexOf('%');
        final String literal = percent < 0 ? text : text.substring(0, percent);
        final String zone = percent < 0 ? "" : text.substring(percent);
        final byte[] address = IpAddresses.parseIpv6(literal);
        if (address == null) {
            return Optional.empty();
        }
        if (kept(address)) {
            return Optional.of(text);
        }
        if (IpAddresses.isIpv4Mapped(address)) {
            final byte[] original = {address[12], address[13], address[14], address[15]};
            if (kept(original)) {
                return Optional.of(text);
            }
            final byte[] v4 = addresses.anonymize(original);
            final int lastColon = literal.lastIndexOf(':');
            if (literal.indexOf('.', lastColon) > 0) {
                // Keep the mixed notation as written, for example ::ffff:192.0.2.1 or ::FFFF:192.0.2.1.
                return Optional.of(literal.substring(0, lastColon + 1) + IpAddresses.formatIpv4(v4) + zone);
            }
            System.arraycopy(v4, 0, address, 12, 4);
            return Optional.of(IpAddresses.formatIpv6(address) + zone);
        }
        return Optional.of(IpAddresses.formatIpv6(asNetwork(address, addresses.anonymize(address), prefixLength))
                + zone);
    }

    /** The percent-encoded colon of an encoded address, such as {@code %3A} or {@code %253a}, or null. */
    private static String encodedColon(final String text) {
        final int percent = text.indexOf('%');
        if (percent < 0) {
            return null;
        }
        int i = percent + 1;
        while (text.startsWith("25", i)) {
            i += 2;
        }
        if (i + 2 <= text.length() && text.charAt(i) == '3'
                && (text.charAt(i + 1) == 'A' || text.charAt(i + 1) == 'a')) {
            return text.substring(percent, i + 2);
        }
        return null;
    }

    private static String replaceIgnoreCase(final String text, final String token, final String replacement) {
        final StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.regionMatches(true, i, token, 0, token.length())) {
                out.append(replacement);
                i += token.length();
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }
}
