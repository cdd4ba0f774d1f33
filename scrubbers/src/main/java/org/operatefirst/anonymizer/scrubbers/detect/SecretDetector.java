package org.operatefirst.anonymizer.scrubbers.detect;

import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isAsciiAlnum;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isB64Token;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isBase64Url;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isBlank;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isSpaceOrControl;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isWordChar;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.regionEquals;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.regionEqualsIgnoreCase;

import java.util.List;

/**
 * Finds secrets in free text, URLs, headers and JSON written as text. Secrets are never pseudonymized: each finding
 * is replaced by its type's marker ({@link FindingType#marker()}). Where a rule is in doubt it takes the value.
 *
 * <h2>What is found, and the span</h2>
 * <ul>
 *   <li><b>Secret fields</b> ({@link FindingType#PASSWORD}, {@link FindingType#AWS_SECRET_KEY} for
 *       {@code *secret_access_key}): a name for which {@link SecretKeyNames#isSecretName} holds, optional blanks, a
 *       separator {@code =}, {@code :} or {@code :=}, optional blanks, and a value. The name may be quoted, also
 *       JSON-escaped inside a JSON string ({@code \"password\":\"...\"}), and may start with dashes
 *       ({@code --password=...}). A quoted value's span is the content between its quotes, escapes honoured at any
 *       nesting level ({@code \"} inside a JSON string ends at the next {@code \"} but not at {@code \\\"}); an
 *       unterminated one runs to the end of the text. An unquoted value ends at whitespace, {@code , ; &} or a
 *       quote. Empty values and values that open a structure ({@code {}, {@code [}) are not findings.</li>
 *   <li><b>Header-like fields</b> ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 *       {@code Set-Cookie}): a leading scheme word stays in clear ({@code Bearer}, {@code Basic}, {@code Digest});
 *       after {@code Bearer}, {@code Token} ({@link FindingType#BEARER_TOKEN}) or {@code Basic} the credential is
 *       one word, otherwise an unquoted value runs to the end of the line, or to a {@code \n} or {@code \r} escape
 *       inside a JSON string (so {@code Cookie: a=1; b="2"} goes whole).</li>
 *   <li><b>Query and form parameters</b> ({@link FindingType#OAUTH_PARAMETER} for {@code code}, {@code state},
 *       {@code *_token}, {@code client_secret} and the other {@link SecretKeyNames#QUERY_NAMES}; the field types
 *       above for other secret names): a name right after {@code ?}, {@code &} or {@code #}, then {@code =}. The
 *       value ends at whitespace, {@code &}, {@code #} or a quote; percent escapes in it stay inside the span. The
 *       same inside a percent-encoded URL carried by another one ({@code redirect_uri=...%3Fcode%3D...%26state%3D...},
 *       also encoded twice or more: {@code %253D}): the name after an encoded {@code ? & #}, an encoded {@code =},
 *       and the value up to the next encoded or plain {@code &} or {@code #}.</li>
 *   <li><b>Bearer tokens</b> ({@link FindingType#BEARER_TOKEN}): the word {@code bearer} in any case, blanks,
 *       and an RFC 6750 {@code b64token} of at least {@value SecretShapes#MIN_TOKEN} characters that holds a digit
 *       or both upper- and lower-case letters; the span is the token. "invalid bearer token" is prose.</li>
 *   <li><b>OpenShift tokens</b> ({@link FindingType#OPENSHIFT_TOKEN}): {@code sha256~} and at least 20 base64url
 *       characters (43 in practice), anywhere a word may start: in paths, queries, headers. The span includes
 *       {@code sha256~}.</li>
 *   <li><b>Path tokens</b> ({@link FindingType#BEARER_TOKEN}): the segment after {@code /authorizations/token/}
 *       and the cookie value after {@code /authorizations/cookie/<name>/}, as in JupyterHub's API.</li>
 *   <li><b>JWTs</b> ({@link FindingType#JWT}): {@code eyJ} at the start of a word, then base64url, at least 10
 *       characters, and up to four more {@code .}-separated base64url segments (JWS has three, JWE five). A
 *       header alone is taken too, when it has at least 16 characters, with standard base64's {@code + / =}: a
 *       base64-encoded JSON object in a log (a token's part, a docker config, a continue token) is rarely worth
 *       more than what it risks.</li>
 *   <li><b>URL credentials</b> ({@link FindingType#URL_CREDENTIALS}): in {@code scheme://userinfo@host}, the
 *       userinfo when it contains {@code :} ({@code user:password}, {@code :password}) or is a token by the bearer
 *       rule ({@code https://<token>@host}); a plain user name ({@code ssh://git@host}) is left to the other
 *       detectors. The authority ends at {@code / ? #}, whitespace, a quote or {@code < > \}; its last {@code @}
 *       ends the userinfo, so an unencoded {@code @} in a password is covered.</li>
 *   <li><b>AWS access key ids</b> ({@link FindingType#AWS_ACCESS_KEY}): {@code AKIA}, {@code ASIA} and the other
 *       IAM key prefixes, then 16 upper-case letters or digits, as a whole word. Free-standing secret access keys
 *       (40 base64 characters) are not found: git commit hashes and many other identifiers share that shape. They
 *       are found as the value of an {@code aws_secret_access_key}-style field.</li>
 *   <li><b>GitHub tokens</b> ({@link FindingType#GITHUB_TOKEN}): {@code ghp_}, {@code gho_}, {@code ghu_},
 *       {@code ghs_}, {@code ghr_} with at least 36 letters and digits, {@code github_pat_} with at least 22
 *       letters, digits and {@code _}, at the start of a word.</li>
 *   <li><b>PEM private keys</b> ({@link FindingType#PRIVATE_KEY}): from {@code -----BEGIN <label>-----}, where
 *       the label contains {@code PRIVATE KEY}, to the end of the next {@code -----END <label>-----}, whatever the
 *       line breaks are written as ({@code \n} inside a JSON string); without an end line, to the end of the text.
 *       Certificates and public keys are not secrets.</li>
 * </ul>
 * A value found by a field rule takes the type its shape says, if any: a JWT in a {@code password} field is a
 * {@link FindingType#JWT}. A finding inside which a private key block begins is extended to the end of that block,
 * so a value that takes a key's {@code BEGIN} line never leaves the key's body behind.
 *
 * <h2>Not secrets</h2>
 * Image digests ({@code sha256:<64 hex>}), UUIDs, resource versions, trace and span ids, git commit hashes,
 * {@code token_type=Bearer}, names that refer to a secret ({@code secretName}, {@code tokenSecretRef}), and the
 * words themselves in prose ("password changed for", "invalid bearer token").
 *
 * <h2>Cost</h2>
 * One forward pass that looks only at trigger characters ({@code = : ~ - / %} and the first letter of a word that
 * may start a token); everything else costs a switch. Backwards, a rule reads at most a name of 65 characters and a
 * few blanks and backslashes; forwards, a rule either reads a bounded number of characters or reads a value that
 * is then skipped as a finding, or a run (a path segment, an authority, a token) that holds no trigger of the same
 * rule, so the whole scan is linear in the length of the text. Findings never overlap: scanning resumes after
 * each one. In a {@link String} that is not short, the scan jumps from one occurrence of a trigger (or of the
 * literal its rule starts with) to the next with {@link String#indexOf}, searching each literal by a character of it
 * that is rare in logs ({@link AnchoredLiteral}). Stateless and thread-safe; never throws.
 */
public final class SecretDetector implements Detector {

    private static final String PEM_BEGIN = "-----BEGIN ";
    private static final String PEM_END = "-----END";
    private static final String PEM_DASHES = "-----";
    private static final int MAX_PEM_LABEL = 64;

    private static final String TOKEN_PATH = "/authorizations/token/";
    private static final String COOKIE_PATH = "/authorizations/cookie/";
    private static final String TRIGGER_PATH = "/authorizations/";

    private static final int MIN_OPENSHIFT_TOKEN = 20;
    private static final int MIN_GITHUB_TOKEN = 36;
    private static final int MIN_GITHUB_PAT = 22;
    private static final int MIN_JWT_SEGMENT = 10;
    private static final int MIN_BASE64_JSON = 16;
    private static final int MAX_JWT_SEGMENTS = 5;
    private static final int MAX_BLANKS = 8;

    /** Shorter strings are read character by character: the searches for the triggers would cost more. */
    private static final int MIN_SEARCHED = 48;

    /**
     * What every finding of {@link #findingAt} starts with: its trigger character, or the literal its rule
     * requires there ({@link #privateKey} a {@code BEGIN} line, {@link #pathToken} an {@code /authorizations/} path,
     * {@link #jwt} {@code eyJ}, {@link #openShiftToken} {@code sha256~}, {@link #gitHubToken} {@code gh}, or
     * {@code github_pat_}; {@code %} for the parameters of an encoded URL). Most are searched by the character of them that is rarest in logs, so the searches are
     * of single characters: a search of a longer literal costs several. The GitHub prefixes are searched as strings:
     * their rarest character, {@code _}, is everywhere in metric names and JSON keys. At most 32, one bit each of an
     * {@code int} in {@link #detect(String, int, List)}.
     */
    private static final AnchoredLiteral[] TRIGGERS = {AnchoredLiteral.of("="), AnchoredLiteral.of(":"),
        AnchoredLiteral.of("b"), AnchoredLiteral.of("B"), AnchoredLiteral.of("A"), AnchoredLiteral.of(PEM_BEGIN, 'B'),
        AnchoredLiteral.of(TRIGGER_PATH, 'z'), AnchoredLiteral.of("eyJ", 'J'), AnchoredLiteral.of("sha256~", '~'),
        new AnchoredLiteral("gh", 'g', -1), new AnchoredLiteral("github_pat_", 'g', -1), AnchoredLiteral.of("%")};

    /** Creates the detector. It has no configuration: which field names are secret is {@link SecretKeyNames}. */
    public SecretDetector() {
        // stateless
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final int n = text.length();
        if (text instanceof String string && n >= MIN_SEARCHED) {
            detect(string, n, out);
            return;
        }
        int i = 0;
        while (i < n) {
            final char c = text.charAt(i);
            if (isWordChar(c) && !wordStart(text, i)) {
                // Every case below for a word character needs a word start; the rest of the word has none either.
                i++;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            final Finding finding = findingAt(text, i, n);
            if (finding == null) {
                i++;
            } else {
                final Finding whole = withPrivateKeys(text, finding, n);
                out.add(whole);
                i = whole.end();
            }
        }
    }

    /**
     * The scan above for a {@link String}: it visits only the occurrences of {@link #TRIGGERS}, found with
     * {@link String#indexOf}, which the JVM vectorises. Each search resumes where the last one of its literal
     * stopped, so the text is read a bounded number of times.
     */
    private static void detect(final String text, final int n, final List<Finding> out) {
        // The triggers that still occur in the rest of the text, one bit each, and the next occurrence of each.
        final int[] next = new int[TRIGGERS.length];
        int active = 0;
        for (int k = 0; k < TRIGGERS.length; k++) {
            next[k] = TRIGGERS[k].next(text, 0);
            if (next[k] >= 0) {
                active |= 1 << k;
            }
        }
        int i = 0;
        while (active != 0) {
            int at = Integer.MAX_VALUE;
            for (int bits = active; bits != 0; bits &= bits - 1) {
                final int k = Integer.numberOfTrailingZeros(bits);
                if (next[k] < i) {
                    next[k] = TRIGGERS[k].next(text, i);
                    if (next[k] < 0) {
                        active &= ~(1 << k);
                        continue;
                    }
                }
                at = Math.min(at, next[k]);
            }
            if (at == Integer.MAX_VALUE) {
                return;
            }
            final Finding finding = findingAt(text, at, n);
            if (finding == null) {
                i = at + 1;
            } else {
                final Finding whole = withPrivateKeys(text, finding, n);
                out.add(whole);
                i = whole.end();
            }
        }
    }

    /** The finding of the rule that the character at {@code i} triggers, or null. */
    private static Finding findingAt(final CharSequence text, final int i, final int n) {
        return switch (text.charAt(i)) {
            case '=' -> SecretKeyValues.at(text, i, n);
            case ':' -> i + 2 < n && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/'
                    ? urlCredentials(text, i, n) : SecretKeyValues.at(text, i, n);
            case '-' -> privateKey(text, i, n);
            case '/' -> pathToken(text, i, n);
            case 'b', 'B' -> wordStart(text, i) ? bearer(text, i, n) : null;
            case 'e' -> wordStart(text, i) ? jwt(text, i, n) : null;
            case 's' -> wordStart(text, i) ? openShiftToken(text, i, n) : null;
            case 'A' -> wordStart(text, i) ? awsAccessKey(text, i, n) : null;
            case 'g' -> wordStart(text, i) ? gitHubToken(text, i, n) : null;
            case '%' -> SecretKeyValues.encodedQuery(text, i, n);
            default -> null;
        };
    }

    /**
     * The finding, extended to the end of every private key block that begins inside it. A value that runs to the
     * end of a line, or a token glued to a {@code -----BEGIN} line, would otherwise take the key's first line and
     * leave its body to be published. Reads each character of the span once.
     */
    private static Finding withPrivateKeys(final CharSequence text, final Finding finding, final int n) {
        int end = finding.end();
        int p = finding.start();
        while (p < end) {
            if (text.charAt(p) == '-') {
                final Finding key = privateKey(text, p, n);
                if (key != null) {
                    end = Math.max(end, key.end());
                    p = key.end();
                    continue;
                }
            }
            p++;
        }
        return end == finding.end() ? finding : new Finding(finding.type(), finding.start(), end);
    }

    /** Whether a word may start at {@code i}: the start of the text, or after a character that is no word's. */
    private static boolean wordStart(final CharSequence text, final int i) {
        if (i == 0) {
            return true;
        }
        final char before = text.charAt(i - 1);
        return !isWordChar(before) && before != '-';
    }

    private static Finding bearer(final CharSequence text, final int i, final int n) {
        if (!regionEqualsIgnoreCase(text, i, "bearer")) {
            return null;
        }
        int p = i + 6;
        final int blanksStart = p;
        while (p < n && p - blanksStart < MAX_BLANKS && isBlank(text.charAt(p))) {
            p++;
        }
        if (p == blanksStart) {
            return null;
        }
        final int start = p;
        while (p < n && isB64Token(text.charAt(p))) {
            p++;
        }
        while (p < n && text.charAt(p) == '=') {
            p++;
        }
        if (!SecretShapes.looksLikeToken(text, start, p)) {
            return null;
        }
        return new Finding(SecretShapes.classify(text, start, p, FindingType.BEARER_TOKEN), start, p);
    }

    private static Finding jwt(final CharSequence text, final int i, final int n) {
        if (!regionEquals(text, i, "eyJ")) {
            return null;
        }
        int p = base64UrlEnd(text, i, n);
        if (p - i < MIN_JWT_SEGMENT) {
            return null;
        }
        int segments = 1;
        while (segments < MAX_JWT_SEGMENTS && p + 1 < n && text.charAt(p) == '.' && isBase64Url(text.charAt(p + 1))) {
            p = base64UrlEnd(text, p + 1, n);
            segments++;
        }
        if (segments == 1) {
            while (p < n && (isBase64Url(text.charAt(p)) || text.charAt(p) == '+' || text.charAt(p) == '/')) {
                p++;
            }
            while (p < n && text.charAt(p) == '=') {
                p++;
            }
            if (p - i < MIN_BASE64_JSON) {
                return null;
            }
        }
        return new Finding(FindingType.JWT, i, p);
    }

    private static Finding openShiftToken(final CharSequence text, final int i, final int n) {
        if (!regionEquals(text, i, "sha256~")) {
            return null;
        }
        final int end = base64UrlEnd(text, i + 7, n);
        return end - (i + 7) >= MIN_OPENSHIFT_TOKEN ? new Finding(FindingType.OPENSHIFT_TOKEN, i, end) : null;
    }

    private static Finding awsAccessKey(final CharSequence text, final int i, final int n) {
        final int end = i + SecretShapes.AWS_KEY_LENGTH;
        if (!SecretShapes.isAwsAccessKey(text, i, n) || end < n && isWordChar(text.charAt(end))) {
            return null;
        }
        return new Finding(FindingType.AWS_ACCESS_KEY, i, end);
    }

    private static Finding gitHubToken(final CharSequence text, final int i, final int n) {
        if (SecretShapes.isGitHubPrefix(text, i, n)) {
            int p = i + 4;
            while (p < n && isAsciiAlnum(text.charAt(p))) {
                p++;
            }
            return p - (i + 4) >= MIN_GITHUB_TOKEN ? new Finding(FindingType.GITHUB_TOKEN, i, p) : null;
        }
        if (regionEquals(text, i, "github_pat_")) {
            int p = i + 11;
            while (p < n && isWordChar(text.charAt(p))) {
                p++;
            }
            return p - (i + 11) >= MIN_GITHUB_PAT ? new Finding(FindingType.GITHUB_TOKEN, i, p) : null;
        }
        return null;
    }

    private static Finding privateKey(final CharSequence text, final int i, final int n) {
        if (!regionEquals(text, i, PEM_BEGIN)) {
            return null;
        }
        final int labelStart = i + PEM_BEGIN.length();
        final int labelEnd = pemLabelEnd(text, labelStart, n);
        if (!regionEquals(text, labelEnd, PEM_DASHES) || !contains(text, labelStart, labelEnd, "PRIVATE KEY")) {
            return null;
        }
        for (int p = labelEnd + PEM_DASHES.length(); p < n; p++) {
            if (text.charAt(p) == '-' && regionEquals(text, p, PEM_END)) {
                int end = p + PEM_END.length();
                end = pemLabelEnd(text, end, n);
                while (end < n && end - p < PEM_END.length() + MAX_PEM_LABEL + PEM_DASHES.length()
                        && text.charAt(end) == '-') {
                    end++;
                }
                return new Finding(FindingType.PRIVATE_KEY, i, end);
            }
        }
        return new Finding(FindingType.PRIVATE_KEY, i, n);
    }

    /** The end of a PEM label such as {@code RSA PRIVATE KEY}: upper-case letters, digits and spaces, bounded. */
    private static int pemLabelEnd(final CharSequence text, final int from, final int n) {
        int p = from;
        while (p < n && p - from < MAX_PEM_LABEL) {
            final char c = text.charAt(p);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ')) {
                break;
            }
            p++;
        }
        return p;
    }

    private static boolean contains(final CharSequence text, final int start, final int end, final String literal) {
        for (int p = start; p + literal.length() <= end; p++) {
            if (regionEquals(text, p, literal)) {
                return true;
            }
        }
        return false;
    }

    private static Finding pathToken(final CharSequence text, final int i, final int n) {
        if (i + 1 >= n || text.charAt(i + 1) != 'a') {
            return null;
        }
        if (regionEquals(text, i, TOKEN_PATH)) {
            final int start = i + TOKEN_PATH.length();
            return segment(text, start, segmentEnd(text, start, n));
        }
        if (regionEquals(text, i, COOKIE_PATH)) {
            final int nameEnd = segmentEnd(text, i + COOKIE_PATH.length(), n);
            if (nameEnd >= n || text.charAt(nameEnd) != '/') {
                return null;
            }
            return segment(text, nameEnd + 1, segmentEnd(text, nameEnd + 1, n));
        }
        return null;
    }

    private static Finding segment(final CharSequence text, final int start, final int end) {
        if (end <= start) {
            return null;
        }
        return new Finding(SecretShapes.classify(text, start, end, FindingType.BEARER_TOKEN), start, end);
    }

    /** The end of a URL path segment: {@code / ? # &}, whitespace or a quote. */
    private static int segmentEnd(final CharSequence text, final int from, final int n) {
        int p = from;
        while (p < n) {
            final char c = text.charAt(p);
            if (c == '/' || c == '?' || c == '#' || c == '&' || c == '"' || c == '\'' || isSpaceOrControl(c)) {
                break;
            }
            p++;
        }
        return p;
    }

    private static Finding urlCredentials(final CharSequence text, final int colon, final int n) {
        if (colon == 0 || !isAsciiAlnum(text.charAt(colon - 1))) {
            return null;
        }
        final int start = colon + 3;
        int lastAt = -1;
        int p = start;
        while (p < n) {
            final char c = text.charAt(p);
            if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\'
                    || isSpaceOrControl(c)) {
                break;
            }
            if (c == '@') {
                lastAt = p;
            }
            p++;
        }
        if (lastAt <= start) {
            return null;
        }
        boolean colonInUserinfo = false;
        for (int k = start; k < lastAt && !colonInUserinfo; k++) {
            colonInUserinfo = text.charAt(k) == ':';
        }
        if (!colonInUserinfo && !SecretShapes.looksLikeToken(text, start, lastAt)) {
            return null;
        }
        return new Finding(FindingType.URL_CREDENTIALS, start, lastAt);
    }

    private static int base64UrlEnd(final CharSequence text, final int from, final int n) {
        int p = from;
        while (p < n && isBase64Url(text.charAt(p))) {
            p++;
        }
        return p;
    }
}
