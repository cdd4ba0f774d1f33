package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds values that their context marks as user names ({@link FindingType#USERNAME}, or {@link FindingType#EMAIL}
 * when the value is an email address) in free text:
 *
 * <h2>URL paths</h2>
 * A path segment after {@code /user/}, {@code /users/}, {@code /spawn/} or {@code /spawn-pending/}: JupyterHub's
 * {@code /user/<name>/lab}, {@code /hub/user/<name>}, {@code /hub/api/users/<name>/server},
 * {@code /hub/spawn-pending/<name>}. The slashes may be percent-encoded ({@code %2Fuser%2F<name>%2F}, also deeper,
 * as {@code %252F}), the same way on both sides. The value ends before a {@code /}, {@code ?}, {@code #}, {@code &},
 * whitespace, a quote, {@code , ; ( ) [ ] { } < > \ |}, or a percent escape of {@code / ? # & "} or a space, at any
 * depth. Percent escapes inside the value stay in its span ({@code jdoe%40example.org}): the rewriter decodes them
 * to key the pseudonym, and an email keeps its encoding.
 *
 * <h2>Key-value pairs</h2>
 * A key from the policy's user name fields ({@code user}, {@code username}, ...: compared ignoring case; a dotted or
 * slashed key such as {@code metadata.labels.user} or {@code hub.jupyter.org/username} matches by its last segment
 * too), optionally in quotes, then blanks, {@code =} or {@code :}, blanks, and the value: inside quotes if it is
 * quoted ({@code user="jdoe"}, {@code "username": "jdoe"}, klog's {@code user="jdoe"}), inside angle brackets
 * ({@code user=<jdoe>}, Dovecot's), otherwise up to whitespace, {@code , ; & " ' ) ] } < >} or the end
 * ({@code user=jdoe&x=1}, {@code username: jdoe}). An unquoted value that a {@code =} ends is a key, not a value
 * ({@code Login: user=<jdoe>}).
 *
 * <h2>Not reported</h2>
 * Values that are not people ({@link PlatformUsers}: {@code system:serviceaccount:...}, {@code system:admin},
 * {@code kube:admin}, placeholders, numeric ids); values without a letter or digit; values longer than
 * {@value #MAX_VALUE_LENGTH} characters, which are not user names (other detectors still scan them); unterminated
 * quoted values; a key-value pair whose value opens an object or list ({@code "user": {...}}).
 *
 * <h2>Cost</h2>
 * Looking back for a key reads at most a constant number of characters; a value is read once, and scanning resumes
 * after it, so the scan is linear in the text. Immutable and thread-safe; never throws on any text.
 */
public final class ContextUsernameDetector implements Detector {

    /** The longest value taken for a user name. */
    public static final int MAX_VALUE_LENGTH = 256;

    private static final String[] PATH_SEGMENTS = {"user", "users", "spawn", "spawn-pending"};
    private static final int MAX_BLANKS = 8;

    /** Characters after which a path value ends (below 128; {@link #endsPathValue} reads the others). */
    private static final boolean[] PATH_VALUE_ENDS = asciiTable("/?#&\"'<>\\|,;()[]{}`");
    /** Characters at which an unquoted value ends (below 128; {@link #endsUnquotedValue} reads the others). */
    private static final boolean[] UNQUOTED_VALUE_ENDS = asciiTable(",;&\"')]}<>");

    /**
     * The keys, lower case, that a key in text can equal: those made of key characters only ({@link #isKeyChar}),
     * which are ASCII, so that comparing folds only {@code A-Z}.
     */
    private final String[] keys;
    private final int maxKeyLength;
    /** The last characters of the keys, lower case: a cheap test before a key is read back. */
    private final boolean[] keyEnds = new boolean[128];

    /**
     * Creates a detector.
     *
     * @param usernameFields keys whose value is a user name, for example the policy's {@code usernameFields()}
     */
    public ContextUsernameDetector(final Set<String> usernameFields) {
        Objects.requireNonNull(usernameFields, "usernameFields");
        // A key in text is a non-empty run of key characters: other keys can never be equal to one.
        this.keys = usernameFields.stream().map(key -> key.toLowerCase(Locale.ROOT)).distinct()
                .filter(key -> !key.isEmpty() && key.chars().allMatch(c -> isKeyChar((char) c)))
                .toArray(String[]::new);
        this.maxKeyLength = Arrays.stream(keys).mapToInt(String::length).max().orElse(0);
        for (final String key : keys) {
            keyEnds[key.charAt(key.length() - 1)] = true;
        }
    }

    private static boolean[] asciiTable(final String members) {
        final boolean[] table = new boolean[128];
        for (char c = 0; c < table.length; c++) {
            table[c] = Character.isWhitespace(c) || members.indexOf(c) >= 0;
        }
        return table;
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final int n = text.length();
        if (text instanceof String string) {
            detect(string, n, out);
            return;
        }
        int i = 0;
        while (i < n) {
            final char c = text.charAt(i);
            int next = -1;
            if (c == '/' || c == '%') {
                next = path(text, i, out);
            } else if ((c == '=' || c == ':') && keys.length > 0) {
                next = keyValue(text, i, out);
            }
            i = Math.max(i + 1, next);
        }
    }

    /**
     * The scan above for a {@link String}: it acts only at {@code /}, {@code %}, {@code =} and {@code :}, so it
     * jumps from one to the next with {@link String#indexOf}, which the JVM vectorises. Each search resumes where
     * the last one of its character stopped, so the text is read a bounded number of times.
     */
    private void detect(final String text, final int n, final List<Finding> out) {
        final boolean pairs = keys.length > 0;
        int slash = text.indexOf('/');
        int percent = text.indexOf('%');
        int equals = pairs ? text.indexOf('=') : -1;
        int colon = pairs ? text.indexOf(':') : -1;
        int i = 0;
        while (true) {
            if (slash >= 0 && slash < i) {
                slash = text.indexOf('/', i);
            }
            if (percent >= 0 && percent < i) {
                percent = text.indexOf('%', i);
            }
            if (equals >= 0 && equals < i) {
                equals = text.indexOf('=', i);
            }
            if (colon >= 0 && colon < i) {
                colon = text.indexOf(':', i);
            }
            final int at = Math.min(Math.min(unsigned(slash), unsigned(percent)),
                    Math.min(unsigned(equals), unsigned(colon)));
            if (at >= n) {
                return;
            }
            final char c = text.charAt(at);
            final int next = c == '/' || c == '%' ? path(text, at, out) : keyValue(text, at, out);
            i = Math.max(at + 1, next);
        }
    }

    /** An index of {@link String#indexOf}, with "not found" (-1) read as beyond every index. */
    private static int unsigned(final int index) {
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /** A path segment that holds a user name, starting at a slash; returns where scanning resumes, or -1. */
    private static int path(final CharSequence text, final int at, final List<Finding> out) {
        final int slashLength = slashLength(text, at);
        if (slashLength < 0) {
            return -1;
        }
        for (final String segment : PATH_SEGMENTS) {
            final int segmentEnd = at + slashLength + segment.length();
            if (!regionEquals(text, at + slashLength, segment, false)
                    || slashLength(text, segmentEnd) != slashLength
                    || !regionEquals(text, segmentEnd, text.subSequence(at, at + slashLength), true)) {
                continue;
            }
            final int valueStart = segmentEnd + slashLength;
            int end = valueStart;
            while (end < text.length() && end - valueStart <= MAX_VALUE_LENGTH && !endsPathValue(text, end)) {
                end++;
            }
            if (end - valueStart <= MAX_VALUE_LENGTH) {
                report(text, valueStart, end, out);
            }
            // Resume at the value's end: a following '/' may start the next path.
            return end;
        }
        return -1;
    }

    /** A key-value pair whose separator is at {@code at}; returns where scanning resumes, or -1. */
    private int keyValue(final CharSequence text, final int at, final List<Finding> out) {
        if (!keyBefore(text, at)) {
            return -1;
        }
        final int n = text.length();
        int start = at + 1;
        for (int blanks = 0; start < n && blanks < MAX_BLANKS && isBlank(text.charAt(start)); blanks++) {
            start++;
        }
        if (start >= n) {
            return -1;
        }
        final char open = text.charAt(start);
        if (open == '{' || open == '[') {
            return -1;
        }
        if (open == '"' || open == '\'') {
            int end = start + 1;
            while (end < n && end - start <= MAX_VALUE_LENGTH && text.charAt(end) != open
                    && text.charAt(end) != '\n') {
                end += text.charAt(end) == '\\' && end + 1 < n ? 2 : 1;
            }
            if (end < n && text.charAt(end) == open && end - start - 1 <= MAX_VALUE_LENGTH) {
                report(text, start + 1, end, out);
                return end + 1;
            }
            return end;
        }
        if (open == '<') {
            // Dovecot's user=<jdoe>, a mail header's <jdoe@example.org>.
            int end = start + 1;
            while (end < n && end - start <= MAX_VALUE_LENGTH && text.charAt(end) != '>' && !isBlank(text.charAt(end))) {
                end++;
            }
            if (end < n && text.charAt(end) == '>') {
                report(text, start + 1, end, out);
                return end + 1;
            }
            return end;
        }
        int end = start;
        while (end < n && end - start <= MAX_VALUE_LENGTH && !endsUnquotedValue(text.charAt(end))
                && text.charAt(end) != '=') {
            end++;
        }
        if (end < n && text.charAt(end) == '=') {
            // The value is a key of its own ("Login: user=<jdoe>"): not a name; the scan goes on from it.
            return start;
        }
        if (end - start <= MAX_VALUE_LENGTH) {
            report(text, start, end, out);
        }
        return end;
    }

    /** Whether a user name key, optionally quoted and followed by blanks, ends right before {@code at}. */
    private boolean keyBefore(final CharSequence text, final int at) {
        int end = at;
        for (int blanks = 0; end > 0 && blanks < MAX_BLANKS && isBlank(text.charAt(end - 1)); blanks++) {
            end--;
        }
        char quote = 0;
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            quote = text.charAt(end - 1);
            end--;
        }
        // A key is ASCII: a last character outside it ends no key.
        final char last = end == 0 ? 0 : text.charAt(end - 1);
        if (end == 0 || last >= keyEnds.length || !keyEnds[toLowerAscii(last)]) {
            return false;
        }
        int start = end;
        while (start > 0 && end - start < maxKeyLength && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return false;
        }
        final boolean whole = start == 0 || !isKeyChar(text.charAt(start - 1));
        if (whole && (quote == 0 || start > 0 && text.charAt(start - 1) == quote)
                && isKey(text, start, end)) {
            return true;
        }
        // The last segment of a dotted or slashed key: metadata.labels.user, .../hub.jupyter.org/username.
        for (int k = end - 1; k >= start; k--) {
            final char c = text.charAt(k);
            if (c == '.' || c == '/') {
                return k + 1 < end && isKey(text, k + 1, end);
            }
        }
        return false;
    }

    /** Whether {@code text[start, end)}, key characters only, is one of the keys, ignoring case. */
    private boolean isKey(final CharSequence text, final int start, final int end) {
        for (final String key : keys) {
            if (key.length() == end - start && equalsLowerAscii(text, start, key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsLowerAscii(final CharSequence text, final int start, final String lower) {
        for (int k = 0; k < lower.length(); k++) {
            if (toLowerAscii(text.charAt(start + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char toLowerAscii(final char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static void report(final CharSequence text, final int start, final int end, final List<Finding> out) {
        if (end <= start) {
            return;
        }
        final CharSequence value = text.subSequence(start, end);
        if (PlatformUsers.isPlatformUser(value) || !hasLetterOrDigit(value)) {
            return;
        }
        out.add(new Finding(isEmail(value) ? FindingType.EMAIL : FindingType.USERNAME, start, end));
    }

    /** One {@code @} (literal or percent-encoded at any depth) with something on both sides. */
    private static boolean isEmail(final CharSequence value) {
        int anchors = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < value.length(); i++) {
            final int length = value.charAt(i) == '@' ? 1 : encodedLength(value, i, '@');
            if (length > 0) {
                anchors++;
                if (first < 0) {
                    first = i;
                }
                last = i + length;
                i += length - 1;
            }
        }
        return anchors == 1 && first > 0 && last < value.length();
    }

    private static boolean endsPathValue(final CharSequence text, final int i) {
        final char c = text.charAt(i);
        if (c == '%') {
            for (final char delimiter : new char[] {'/', '?', '#', '&', '"', ' '}) {
                if (encodedLength(text, i, delimiter) > 0) {
                    return true;
                }
            }
            return false;
        }
        return c < PATH_VALUE_ENDS.length ? PATH_VALUE_ENDS[c] : Character.isWhitespace(c);
    }

    private static boolean endsUnquotedValue(final char c) {
        return c < UNQUOTED_VALUE_ENDS.length ? UNQUOTED_VALUE_ENDS[c] : Character.isWhitespace(c);
    }

    /** The length of a slash at {@code i}: 1 for {@code /}, 3 or more for {@code %2F}, {@code %252F}; else -1. */
    private static int slashLength(final CharSequence text, final int i) {
        if (i >= text.length()) {
            return -1;
        }
        if (text.charAt(i) == '/') {
            return 1;
        }
        final int length = encodedLength(text, i, '/');
        return length > 0 ? length : -1;
    }

    /**
     * The length of an ASCII character percent-encoded one or more times at {@code i} ({@code %2F}, {@code %252F},
     * hex digits in either case), or 0 if there is none. Reads at most a bounded number of nested {@code 25}s.
     */
    private static int encodedLength(final CharSequence text, final int i, final char decoded) {
        if (i >= text.length() || text.charAt(i) != '%') {
            return 0;
        }
        int k = i + 1;
        for (int depth = 0; depth < 8 && k + 3 < text.length() && text.charAt(k) == '2' && text.charAt(k + 1) == '5'
                && isHex(text.charAt(k + 2)) && isHex(text.charAt(k + 3)); depth++) {
            k += 2;
        }
        if (k + 1 >= text.length() || !isHex(text.charAt(k)) || !isHex(text.charAt(k + 1))) {
            return 0;
        }
        final int value = Character.digit(text.charAt(k), 16) * 16 + Character.digit(text.charAt(k + 1), 16);
        return value == decoded ? k + 2 - i : 0;
    }

    private static boolean regionEquals(final CharSequence text, final int at, final CharSequence literal,
            final boolean ignoreCase) {
        if (at < 0 || at + literal.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < literal.length(); k++) {
            final char a = text.charAt(at + k);
            final char b = literal.charAt(k);
            if (a != b && !(ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetterOrDigit(final CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKeyChar(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                || c == '.' || c == '/';
    }

    private static boolean isBlank(final char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isHex(final char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
