package org.operatefirst.anonymizer.scrubbers.detect;

/**
 * Character classes and token shapes shared by the secret scanners. Every method reads a bounded number of
 * characters or exactly the span it is given.
 */
final class SecretShapes {

    /** Shortest free-standing bearer token or URL user that is taken for a token. */
    static final int MIN_TOKEN = 16;

    /** The four-letter prefixes of AWS access key ids (IAM unique id prefixes that name keys and principals). */
    private static final String[] AWS_PREFIXES = {"AKIA", "ASIA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "AGPA",
        "ABIA", "ACCA", "APKA", "ASCA"};

    /** Length of an AWS access key id. */
    static final int AWS_KEY_LENGTH = 20;

    private SecretShapes() {
    }

    static boolean isAsciiLetter(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isAsciiDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiAlnum(final char c) {
        return isAsciiLetter(c) || isAsciiDigit(c);
    }

    /** Letters, digits and {@code _}: what continues a word, so what must not precede a token's start. */
    static boolean isWordChar(final char c) {
        return isAsciiAlnum(c) || c == '_';
    }

    /** The base64url alphabet (RFC 4648, section 5). */
    static boolean isBase64Url(final char c) {
        return isAsciiAlnum(c) || c == '-' || c == '_';
    }

    /** The {@code b64token} of RFC 6750 without its trailing {@code =}: base64url, standard base64, {@code . ~}. */
    static boolean isB64Token(final char c) {
        return isBase64Url(c) || c == '.' || c == '~' || c == '+' || c == '/';
    }

    /** What a field name is made of in {@code key=value} text: letters, digits, {@code _ . -}. */
    static boolean isKeyChar(final char c) {
        return isAsciiAlnum(c) || c == '_' || c == '.' || c == '-';
    }

    static boolean isBlank(final char c) {
        return c == ' ' || c == '\t';
    }

    /** Whitespace and control characters, including line breaks. */
    static boolean isSpaceOrControl(final char c) {
        return c <= ' ' || c == '\u007f';
    }

    /**
     * Whether {@code text[start, end)} looks like a generated token rather than a word: at least
     * {@link #MIN_TOKEN} characters, and a digit or both upper- and lower-case letters. Words of prose
     * ({@code authentication_failed}) have neither; random base64 of that length almost always has both.
     */
    static boolean looksLikeToken(final CharSequence text, final int start, final int end) {
        if (end - start < MIN_TOKEN) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (isAsciiDigit(c)) {
                return true;
            }
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    /**
     * Whether an AWS access key id starts at {@code at}: a known prefix and sixteen upper-case letters or digits.
     * Boundaries are the caller's.
     */
    static boolean isAwsAccessKey(final CharSequence text, final int at, final int end) {
        if (end - at < AWS_KEY_LENGTH) {
            return false;
        }
        boolean prefix = false;
        for (final String p : AWS_PREFIXES) {
            if (regionEquals(text, at, p)) {
                prefix = true;
                break;
            }
        }
        if (!prefix) {
            return false;
        }
        for (int i = at + 4; i < at + AWS_KEY_LENGTH; i++) {
            final char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || isAsciiDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a GitHub token prefix ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}) is at. */
    static boolean isGitHubPrefix(final CharSequence text, final int at, final int n) {
        if (at + 4 > n || text.charAt(at) != 'g' || text.charAt(at + 1) != 'h' || text.charAt(at + 3) != '_') {
            return false;
        }
        final char kind = text.charAt(at + 2);
        return kind == 'p' || kind == 'o' || kind == 'u' || kind == 's' || kind == 'r';
    }

    /**
     * The type of a secret value whose shape says what it is, such as a JWT in a {@code password} field, or
     * {@code fallback}. Reads at most a few characters of the value.
     */
    static FindingType classify(final CharSequence text, final int start, final int end, final FindingType fallback) {
        final int length = end - start;
        if (length >= 10 && regionEquals(text, start, "eyJ")) {
            return FindingType.JWT;
        }
        if (length > 7 && regionEquals(text, start, "sha256~")) {
            return FindingType.OPENSHIFT_TOKEN;
        }
        if (length > 11 && regionEquals(text, start, "github_pat_") || length > 4 && isGitHubPrefix(text, start, end)) {
            return FindingType.GITHUB_TOKEN;
        }
        if (length > 10 && regionEquals(text, start, "-----BEGIN")) {
            return FindingType.PRIVATE_KEY;
        }
        if (length == AWS_KEY_LENGTH && isAwsAccessKey(text, start, end)) {
            return FindingType.AWS_ACCESS_KEY;
        }
        return fallback;
    }

    /** Whether {@code literal} occurs in {@code text} at {@code at}, case-sensitive. */
    static boolean regionEquals(final CharSequence text, final int at, final String literal) {
        if (at < 0 || at + literal.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < literal.length(); k++) {
            if (text.charAt(at + k) != literal.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code lowerCaseLiteral} occurs in {@code text} at {@code at}, ignoring ASCII case. */
    static boolean regionEqualsIgnoreCase(final CharSequence text, final int at, final String lowerCaseLiteral) {
        if (at < 0 || at + lowerCaseLiteral.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lowerCaseLiteral.length(); k++) {
            char c = text.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCaseLiteral.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
