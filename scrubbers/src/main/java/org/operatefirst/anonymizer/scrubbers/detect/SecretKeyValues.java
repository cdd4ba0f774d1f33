package org.operatefirst.anonymizer.scrubbers.detect;

import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isAsciiLetter;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isBlank;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isKeyChar;
import static org.operatefirst.anonymizer.scrubbers.detect.SecretShapes.isSpaceOrControl;

/**
 * The value of a secret field next to a separator: {@code password=...}, {@code password: ...},
 * {@code "password": "..."}, {@code \"password\":\"...\"} inside a JSON string, {@code token="..."},
 * {@code --password=...}, {@code AWS_SECRET_ACCESS_KEY=...}, and query parameters {@code ?code=...&state=...}.
 * Which names are secret is {@link SecretKeyNames}'s decision; this class finds name, separator and value.
 *
 * <p>Reads backwards from the separator at most {@value #MAX_BLANKS} blanks, a closing quote with up to
 * {@value #MAX_BACKSLASHES} backslashes, and a name of at most 65 characters; forwards, the value, which the caller
 * skips when it is a finding. See {@link SecretDetector} for the rules.
 */
final class SecretKeyValues {

    /** Percent-encodings of one URL inside another that are told apart: {@code %3D} to {@code %2525253D}. */
    private static final int MAX_ENCODINGS = 4;

    /** Longest name considered, as in {@link SecretKeyNames}. */
    private static final int MAX_KEY = 64;

    /** Blanks accepted between a name and its separator, and between a separator and its value. */
    private static final int MAX_BLANKS = 8;

    /** Backslashes read before a quote: escaping up to eight levels deep. */
    private static final int MAX_BACKSLASHES = 255;

    /** Nesting levels of escaped strings that are told apart; a deeper quote is content. */
    private static final int MAX_LEVEL = 8;

    /** Longest authentication scheme word kept in clear before a credential ({@code Bearer}, {@code Digest}). */
    private static final int MAX_SCHEME = 24;

    private SecretKeyValues() {
    }

    /**
     * The secret value after the separator at {@code s} ({@code =} or {@code :}), if a secret name precedes it.
     *
     * @return the finding, or {@code null}
     */
    static Finding at(final CharSequence text, final int s, final int n) {
        return at(text, s, n, true);
    }

    /**
     * As {@link #at(CharSequence, int, int)}; with {@code nested} false, an unquoted value does not take the pairs
     * it runs into (it is itself such a pair, read once and not recursively).
     */
    private static Finding at(final CharSequence text, final int s, final int n, final boolean nested) {
        final char separator = text.charAt(s);
        int q = s;
        int blanks = 0;
        while (q > 0 && blanks < MAX_BLANKS && isBlank(text.charAt(q - 1))) {
            q--;
            blanks++;
        }
        boolean quotedName = false;
        if (q > 0 && (text.charAt(q - 1) == '"' || text.charAt(q - 1) == '\'')) {
            quotedName = true;
            q--;
            int backslashes = 0;
            while (q > 0 && backslashes < MAX_BACKSLASHES && text.charAt(q - 1) == '\\') {
                q--;
                backslashes++;
            }
        }
        final int nameEnd = q;
        boolean letter = false;
        while (q > 0 && nameEnd - q <= MAX_KEY && isKeyChar(text.charAt(q - 1))) {
            letter |= isAsciiLetter(text.charAt(q - 1));
            q--;
        }
        final int nameStart = q;
        if (!letter || nameEnd - nameStart > MAX_KEY) {
            return null;
        }
        final boolean query = separator == '=' && !quotedName && blanks == 0 && nameStart > 0
                && isQueryDelimiter(text.charAt(nameStart - 1));
        if (!SecretKeyNames.mayBeName(text, nameStart, nameEnd)) {
            return null;
        }
        final String name = SecretKeyNames.fold(text, nameStart, nameEnd);
        final FindingType type;
        if (SecretKeyNames.isSecretFolded(name)) {
            type = typeOf(name, query);
        } else if (query && SecretKeyNames.QUERY_NAMES.contains(name)) {
            type = FindingType.OAUTH_PARAMETER;
        } else {
            return null;
        }
        int v = s + 1;
        if (separator == ':' && v < n && text.charAt(v) == '=') {
            v++; // Go's ":="
        }
        return value(text, v, n, name, type, query, nested);
    }

    /**
     * A query parameter inside a percent-encoded URL, such as the {@code code} and {@code state} of an OAuth
     * callback carried in a {@code redirect_uri} or {@code next} value ({@code %3Fcode%3D...%26state%3D...}), also
     * encoded more than once ({@code %253D}). At {@code s} is the {@code %} of an encoded {@code =}; the name before
     * it must follow an encoded {@code ?}, {@code &} or {@code #} of the same depth, or a plain one, and be a secret
     * name or a query name ({@link SecretKeyNames#QUERY_NAMES}). The value runs to the next encoded or plain
     * {@code &} or {@code #}, whitespace, a quote or a backslash; its escapes stay inside the span.
     *
     * @return the finding, or {@code null}
     */
    static Finding encodedQuery(final CharSequence text, final int s, final int n) {
        final int separator = escapeLength(text, s, n, '3', 'D');
        if (separator < 0) {
            return null;
        }
        final int nameEnd = s;
        int q = s;
        // The hex digits of an encoded delimiter read as name characters too: the name starts after the escape.
        while (q > 0 && nameEnd - q <= MAX_KEY + separator && isKeyChar(text.charAt(q - 1))) {
            q--;
        }
        if (q == 0) {
            return null;
        }
        final int nameStart;
        if (isQueryDelimiter(text.charAt(q - 1))) {
            nameStart = q;
        } else if (isEncodedDelimiter(text, q - 1, separator, n)) {
            nameStart = q - 1 + separator;
        } else {
            return null;
        }
        if (nameStart >= nameEnd || nameEnd - nameStart > MAX_KEY
                || !SecretKeyNames.mayBeName(text, nameStart, nameEnd)) {
            return null;
        }
        final String name = SecretKeyNames.fold(text, nameStart, nameEnd);
        final FindingType type;
        if (SecretKeyNames.isSecretFolded(name)) {
            type = typeOf(name, true);
        } else if (SecretKeyNames.QUERY_NAMES.contains(name)) {
            type = FindingType.OAUTH_PARAMETER;
        } else {
            return null;
        }
        final int v = s + separator;
        int p = v;
        while (p < n) {
            final char c = text.charAt(p);
            if (c == '%' && (escapeLength(text, p, n, '2', '6') > 0 || escapeLength(text, p, n, '2', '3') > 0)
                    || c == '&' || c == '#' || c == '"' || c == '\'' || c == '\\' || isSpaceOrControl(c)) {
                break;
            }
            p++;
        }
        return p == v ? null : new Finding(type, v, p);
    }

    /**
     * The length of the percent escape of the character {@code hi lo} (hex, either case) at {@code p}, encoded once
     * or up to {@value #MAX_ENCODINGS} times ({@code %3D}, {@code %253D}, {@code %25253D}), or -1 if there is none.
     */
    private static int escapeLength(final CharSequence text, final int p, final int n, final char hi,
            final char lo) {
        if (p >= n || text.charAt(p) != '%') {
            return -1;
        }
        int q = p + 1;
        int encodings = 1;
        // Each 25 followed by another pair is one more layer: %25 is the escape of the % of the next layer.
        while (encodings < MAX_ENCODINGS && q + 3 < n && text.charAt(q) == '2' && text.charAt(q + 1) == '5') {
            q += 2;
            encodings++;
        }
        if (q + 1 >= n || text.charAt(q) != hi || Character.toUpperCase(text.charAt(q + 1)) != lo) {
            return -1;
        }
        return q + 2 - p;
    }

    /** Whether an encoded {@code ?}, {@code &} or {@code #} of the given escape length starts at {@code start}. */
    private static boolean isEncodedDelimiter(final CharSequence text, final int start, final int length,
            final int n) {
        return escapeLength(text, start, n, '3', 'F') == length || escapeLength(text, start, n, '2', '6') == length
                || escapeLength(text, start, n, '2', '3') == length;
    }

    private static boolean isQueryDelimiter(final char c) {
        return c == '?' || c == '&' || c == '#';
    }

    private static FindingType typeOf(final String name, final boolean query) {
        if (name.endsWith("secretaccesskey")) {
            return FindingType.AWS_SECRET_KEY;
        }
        if (query && (name.endsWith("token") || name.equals("clientsecret"))) {
            return FindingType.OAUTH_PARAMETER;
        }
        return FindingType.PASSWORD;
    }

    private static Finding value(final CharSequence text, final int from, final int n, final String name,
            final FindingType type, final boolean query, final boolean nested) {
        int v = from;
        int blanks = 0;
        while (v < n && blanks < MAX_BLANKS && isBlank(text.charAt(v))) {
            v++;
            blanks++;
        }
        if (v >= n) {
            return null;
        }
        int p = v;
        while (p < n && p - v < MAX_BACKSLASHES && text.charAt(p) == '\\') {
            p++;
        }
        final boolean headerLike = !query && (name.endsWith("authorization") || name.equals("cookie")
                || name.equals("setcookie"));
        if (p < n && (text.charAt(p) == '"' || text.charAt(p) == '\'')) {
            final int level = level(p - v);
            if (level <= MAX_LEVEL) {
                final char quote = text.charAt(p);
                final int contentStart = p + 1;
                int start = contentStart;
                if (headerLike) {
                    start = afterScheme(text, contentStart, n);
                }
                final int end = quotedEnd(text, start, n, quote, level);
                return finding(text, start, end, schemeType(text, contentStart, start, type));
            }
        }
        final char first = text.charAt(v);
        if (first == '{' || first == '[') {
            return null; // a structure: its members are scanned on their own
        }
        if (query) {
            return finding(text, v, unquotedEnd(text, v, n, true, nested), type);
        }
        if (headerLike) {
            final int start = afterScheme(text, v, n);
            final FindingType credential = schemeType(text, v, start, type);
            final boolean oneWord = start > v && (credential == FindingType.BEARER_TOKEN
                    || SecretShapes.regionEqualsIgnoreCase(text, v, "basic "));
            final int end = oneWord ? unquotedEnd(text, start, n, false, nested) : lineEnd(text, start, n);
            return finding(text, start, end, credential);
        }
        return finding(text, v, unquotedEnd(text, v, n, false, nested), type);
    }

    private static Finding finding(final CharSequence text, final int start, final int end, final FindingType type) {
        if (end <= start) {
            return null;
        }
        return new Finding(SecretShapes.classify(text, start, end, type), start, end);
    }

    /**
     * The index after an authentication scheme word and its blanks at {@code at} ({@code Bearer }, {@code Basic },
     * {@code Digest }), or {@code at} if no scheme word is followed there by a credential.
     */
    private static int afterScheme(final CharSequence text, final int at, final int n) {
        int p = at;
        while (p < n && p - at <= MAX_SCHEME && (SecretShapes.isAsciiAlnum(text.charAt(p)) || text.charAt(p) == '-')) {
            p++;
        }
        if (p == at || p - at > MAX_SCHEME || !isAsciiLetter(text.charAt(at)) || p >= n || !isBlank(text.charAt(p))) {
            return at;
        }
        int q = p;
        while (q < n && q - p < MAX_BLANKS && isBlank(text.charAt(q))) {
            q++;
        }
        return q < n && !isSpaceOrControl(text.charAt(q)) && text.charAt(q) != '"' ? q : at;
    }

    /** The type of a credential after a scheme word: a bearer token, a password, or {@code type} for others. */
    private static FindingType schemeType(final CharSequence text, final int schemeStart, final int credentialStart,
            final FindingType type) {
        if (credentialStart == schemeStart) {
            return type;
        }
        if (SecretShapes.regionEqualsIgnoreCase(text, schemeStart, "bearer ")
                || SecretShapes.regionEqualsIgnoreCase(text, schemeStart, "token ")) {
            return FindingType.BEARER_TOKEN;
        }
        if (SecretShapes.regionEqualsIgnoreCase(text, schemeStart, "basic ")) {
            return FindingType.PASSWORD;
        }
        return type;
    }

    /**
     * The nesting level of a quote preceded by {@code backslashes} backslashes: 0 for {@code "}, 1 for
     * {@code \"}, 2 for {@code \\\"}; in general the first level at which, after undoing the outer escapes, an
     * even number of backslashes is left. {@code MAX_LEVEL + 1} for anything deeper.
     */
    static int level(final int backslashes) {
        int r = backslashes;
        for (int level = 0; level <= MAX_LEVEL; level++) {
            if (r % 2 == 0) {
                return level;
            }
            r = (r - 1) / 2;
        }
        return MAX_LEVEL + 1;
    }

    /**
     * The end of a quoted value's content: the index of the first quote that closes a string at {@code level} or
     * at an enclosing level, less the backslashes that escape it; {@code n} if the value is never closed.
     */
    private static int quotedEnd(final CharSequence text, final int from, final int n, final char quote,
            final int level) {
        int backslashes = 0;
        for (int j = from; j < n; j++) {
            final char c = text.charAt(j);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == quote) {
                final int closes = level(backslashes);
                if (closes <= level) {
                    return j - ((1 << closes) - 1);
                }
            }
            backslashes = 0;
        }
        return n;
    }

    /**
     * The end of an unquoted value: whitespace, {@code &}, a quote (less the backslashes that escape it), and
     * {@code , ;} in text or {@code #} in a query. Percent escapes stay in. With {@code nested}, a value does not end
     * right after the separator of a secret pair it runs into: that pair's value is taken too, so
     * {@code password=a/token="b c"} leaves nothing of {@code b c}.
     */
    private static int unquotedEnd(final CharSequence text, final int from, final int n, final boolean query,
            final boolean nested) {
        int j = from;
        while (j < n) {
            final char c = text.charAt(j);
            final boolean quote = c == '"' || c == '\'';
            if (!(quote || isSpaceOrControl(c) || c == '&' || (query ? c == '#' : c == ',' || c == ';'))) {
                j++;
                continue;
            }
            final int end = quote ? beforeBackslashes(text, from, j) : j;
            if (nested && end > from && (text.charAt(end - 1) == '=' || text.charAt(end - 1) == ':')) {
                final Finding pair = at(text, end - 1, n, false);
                if (pair != null && pair.end() > j) {
                    j = pair.end();
                    continue;
                }
            }
            return end;
        }
        return n;
    }

    /**
     * The end of a header value: the end of the line, or a {@code \n} or {@code \r} escape, which ends a line inside a
     * JSON string. Quotes do not end it: cookie values and digest parameters may be quoted.
     */
    private static int lineEnd(final CharSequence text, final int from, final int n) {
        int j = from;
        while (j < n) {
            final char c = text.charAt(j);
            if (c == '\n' || c == '\r') {
                return j;
            }
            if (c == '\\' && j + 1 < n && (text.charAt(j + 1) == 'n' || text.charAt(j + 1) == 'r')) {
                return j;
            }
            j++;
        }
        return n;
    }

    private static int beforeBackslashes(final CharSequence text, final int from, final int at) {
        int j = at;
        while (j > from && text.charAt(j - 1) == '\\') {
            j--;
        }
        return j;
    }
}
