package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds secrets by shapes that {@link SecretDetector} does not know, each from a literal found with
 * {@link String#indexOf}:
 *
 * <ul>
 *   <li>Slack tokens, {@code xox[baprs]-} and at least 10 of {@code [A-Za-z0-9-]} ({@link FindingType#SLACK_TOKEN});
 *       </li>
 *   <li>Google API keys, {@code AIza} and exactly 35 of {@code [A-Za-z0-9_-]} ({@link FindingType#GOOGLE_API_KEY});
 *       </li>
 *   <li>GitLab personal access tokens, {@code glpat-} and at least 20 of {@code [A-Za-z0-9_-]}
 *       ({@link FindingType#GITLAB_TOKEN});</li>
 *   <li>npm tokens, {@code npm_} and exactly 36 letters and digits ({@link FindingType#NPM_TOKEN});</li>
 *   <li>HTTP basic credentials, {@code Authorization: Basic <base64>} (also quoted, as in JSON headers;
 *       {@link FindingType#BASIC_AUTH}: the base64 part);</li>
 *   <li>session ids in URLs, the value of {@code ;jsessionid=}, or of a {@code sid}, {@code session},
 *       {@code sessionid}, {@code session_id}, {@code jsessionid} or {@code phpsessid} query parameter (after
 *       {@code ?}, {@code &} or {@code ;}, ignoring case; {@link FindingType#SESSION_ID});</li>
 *   <li>URL credentials whose password holds {@code #}, {@code !}, {@code @} or other characters that a URL would
 *       escape, {@code scheme://user:p#ss@host/}: from after {@code ://} to the last {@code @} before the host's
 *       end ({@link FindingType#URL_CREDENTIALS});</li>
 *   <li>an AWS secret access key on its own: 40 characters of {@code [A-Za-z0-9/+]}, with upper and lower case
 *       letters and a digit, {@code /} or {@code +}, within {@value #AWS_CONTEXT} characters after {@code aws}
 *       in any case ({@link FindingType#AWS_SECRET_KEY}).</li>
 * </ul>
 *
 * Every shape needs a boundary before it (not a letter, digit or {@code _}) and after it, so longer words that
 * merely contain a prefix are not secrets. Each attempt reads a bounded number of characters; linear in the text.
 * Stateless and thread-safe; never throws.
 */
public final class TokenShapeDetector implements Detector {

    /** How far after {@code aws} a free-standing secret key is looked for. */
    static final int AWS_CONTEXT = 80;
    private static final int AWS_KEY_LENGTH = 40;
    private static final int MAX_VALUE = 512;
    private static final Set<String> SESSION_KEYS = Set.of("sid", "session", "sessionid", "session_id",
            "jsessionid", "phpsessid");
    private static final int MAX_SESSION_KEY = 10;
    // Searched by one rare character each (AnchoredLiteral): a search of a string costs several of a character.
    // Bigrams each shape needs (TriggerBigrams): a text without them skips the shape's search.
    private static final long T_SLACK = TriggerBigrams.bit("xo");
    private static final long T_GOOGLE = TriggerBigrams.bit("Iz");
    private static final long T_GITLAB = TriggerBigrams.bit("lp");
    private static final long T_NPM = TriggerBigrams.bit("m_");
    private static final long T_BASIC = TriggerBigrams.bit("Ba");
    private static final long T_SESSION = TriggerBigrams.bit("d=") | TriggerBigrams.bit("n=")
            | TriggerBigrams.bit("D=") | TriggerBigrams.bit("N=");
    private static final long T_SCHEME = TriggerBigrams.bit(":/");
    private static final long T_AWS = TriggerBigrams.bit("ws") | TriggerBigrams.bit("WS") | TriggerBigrams.bit("Ws");
    private static final long TRIGGERS = T_SLACK | T_GOOGLE | T_GITLAB | T_NPM | T_BASIC | T_SESSION | T_SCHEME
            | T_AWS;
    private static final AnchoredLiteral SLACK = AnchoredLiteral.of("xox", 'x');
    private static final AnchoredLiteral GOOGLE = AnchoredLiteral.of("AIza", 'z');
    private static final AnchoredLiteral GITLAB = AnchoredLiteral.of("glpat-", 'g');
    private static final AnchoredLiteral NPM = AnchoredLiteral.of("npm_", '_');
    private static final AnchoredLiteral BASIC = AnchoredLiteral.of("Basic ", 'B');
    private static final AnchoredLiteral SCHEME_END = AnchoredLiteral.of("://", ':');

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final String s = text.toString();
        final long triggers = TriggerBigrams.of(s);
        if ((triggers & TRIGGERS) == 0) {
            return;
        }
        final int before = out.size();
        for (int at = (triggers & T_SLACK) == 0 ? -1 : SLACK.next(s, 0); at >= 0; at = SLACK.next(s, at + 1)) {
            if (at + 4 < s.length() && "baprs".indexOf(s.charAt(at + 3)) >= 0 && s.charAt(at + 4) == '-') {
                run(s, at, at + 5, 10, Integer.MAX_VALUE, "-", FindingType.SLACK_TOKEN, out);
            }
        }
        for (int at = (triggers & T_GOOGLE) == 0 ? -1 : GOOGLE.next(s, 0); at >= 0; at = GOOGLE.next(s, at + 1)) {
            run(s, at, at + 4, 35, 35, "_-", FindingType.GOOGLE_API_KEY, out);
        }
        for (int at = (triggers & T_GITLAB) == 0 ? -1 : GITLAB.next(s, 0); at >= 0; at = GITLAB.next(s, at + 1)) {
            run(s, at, at + 6, 20, Integer.MAX_VALUE, "_-", FindingType.GITLAB_TOKEN, out);
        }
        for (int at = (triggers & T_NPM) == 0 ? -1 : NPM.next(s, 0); at >= 0; at = NPM.next(s, at + 1)) {
            run(s, at, at + 4, 36, 36, "", FindingType.NPM_TOKEN, out);
        }
        for (int at = (triggers & T_BASIC) == 0 ? -1 : BASIC.next(s, 0); at >= 0; at = BASIC.next(s, at + 1)) {
            basic(s, at, out);
        }
        for (int at = (triggers & T_SESSION) == 0 ? -1 : s.indexOf('='); at >= 0; at = s.indexOf('=', at + 1)) {
            session(s, at, out);
        }
        for (int at = (triggers & T_SCHEME) == 0 ? -1 : SCHEME_END.next(s, 0); at >= 0; at = SCHEME_END.next(s, at + 1)) {
            urlCredentials(s, at + 3, out);
        }
        if ((triggers & T_AWS) != 0) {
            awsSecretKeys(s, out);
        }
        if (out.size() - before > 1) {
            final List<Finding> mine = out.subList(before, out.size());
            mine.sort(java.util.Comparator.comparingInt(Finding::start));
            for (int k = mine.size() - 1; k > 0; k--) {
                if (mine.get(k).start() < mine.get(k - 1).end()) {
                    mine.remove(k);
                }
            }
        }
    }

    /** A prefix at {@code start} and a body of {@code [A-Za-z0-9]} and {@code extra} from {@code body}. */
    private static void run(final String s, final int start, final int body, final int min, final int max,
            final String extra, final FindingType type, final List<Finding> out) {
        if (start > 0 && isWordChar(s.charAt(start - 1))) {
            return;
        }
        int end = body;
        while (end < s.length() && end - body <= MAX_VALUE && (isAlnum(s.charAt(end))
                || extra.indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        final int length = end - body;
        if (length >= min && length <= max && (end == s.length() || !isWordChar(s.charAt(end)))) {
            out.add(new Finding(type, start, end));
        }
    }

    private static void basic(final String s, final int at, final List<Finding> out) {
        int k = at;
        while (k > 0 && at - k < 8 && (s.charAt(k - 1) == ' ' || s.charAt(k - 1) == '"' || s.charAt(k - 1) == ':'
                || s.charAt(k - 1) == '=' || s.charAt(k - 1) == '\'')) {
            k--;
        }
        final String key = "authorization";
        if (k < key.length() || !s.regionMatches(true, k - key.length(), key, 0, key.length())) {
            return;
        }
        final int start = at + "Basic ".length();
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE && (isAlnum(s.charAt(end)) || s.charAt(end) == '+'
                || s.charAt(end) == '/' || s.charAt(end) == '=')) {
            end++;
        }
        if (end - start >= 4) {
            out.add(new Finding(FindingType.BASIC_AUTH, start, end));
        }
    }

    private static void session(final String s, final int equals, final List<Finding> out) {
        int k = equals;
        while (k > 0 && equals - k < MAX_SESSION_KEY && (Character.isLetter(s.charAt(k - 1))
                || s.charAt(k - 1) == '_')) {
            k--;
        }
        if (k == equals || k == 0) {
            return;
        }
        final char before = s.charAt(k - 1);
        if (before != '?' && before != '&' && before != ';'
                || !SESSION_KEYS.contains(s.substring(k, equals).toLowerCase(Locale.ROOT))) {
            return;
        }
        final int start = equals + 1;
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE && !endsQueryValue(s.charAt(end))) {
            end++;
        }
        if (end - start >= 8 && end - start <= MAX_VALUE) {
            out.add(new Finding(FindingType.SESSION_ID, start, end));
        }
    }

    /** {@code user:password@host}, where the password holds a character a URL would have escaped. */
    private static void urlCredentials(final String s, final int start, final List<Finding> out) {
        int end = start;
        int colon = -1;
        int lastAt = -1;
        while (end < s.length() && end - start <= MAX_VALUE && !Character.isWhitespace(s.charAt(end))
                && s.charAt(end) != '"' && s.charAt(end) != '\'' && s.charAt(end) != '<' && s.charAt(end) != '>') {
            final char c = s.charAt(end);
            if (c == ':' && colon < 0) {
                colon = end;
            } else if (c == '@') {
                lastAt = end;
            } else if (c == '/' && colon < 0) {
                return;
            }
            end++;
        }
        if (colon <= start || lastAt <= colon + 1 || !hostAt(s, lastAt + 1)) {
            return;
        }
        for (int i = colon + 1; i < lastAt; i++) {
            final char c = s.charAt(i);
            if (c == '#' || c == '!' || c == '@' || c == '/' || c == '?' || c == '[' || c == ']') {
                out.add(new Finding(FindingType.URL_CREDENTIALS, start, lastAt));
                return;
            }
        }
    }

    /** A host name or address, then the end, a port, a path, a query or a fragment. */
    private static boolean hostAt(final String s, final int at) {
        int i = at;
        while (i < s.length() && (isAlnum(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '-')) {
            i++;
        }
        if (i == at) {
            return false;
        }
        return i == s.length() || ":/?# \"'".indexOf(s.charAt(i)) >= 0;
    }

    private static void awsSecretKeys(final String s, final List<Finding> out) {
        int aws = indexOfAws(s, 0);
        while (aws >= 0) {
            final int limit = Math.min(s.length(), aws + 3 + AWS_CONTEXT);
            int resume = aws + 3;
            int i = aws + 3;
            while (i < limit) {
                if (!isKeyChar(s.charAt(i)) || isKeyChar(s.charAt(i - 1))) {
                    i++;
                    continue;
                }
                int end = i;
                while (end < s.length() && end - i <= AWS_KEY_LENGTH && isKeyChar(s.charAt(end))) {
                    end++;
                }
                if (end - i == AWS_KEY_LENGTH && mixed(s, i, end)) {
                    out.add(new Finding(FindingType.AWS_SECRET_KEY, i, end));
                    resume = end;
                    break;
                }
                i = end;
            }
            aws = indexOfAws(s, resume);
        }
    }

    /** The next {@code aws} in any case, found by its {@code w}, the rarest of its letters in logs. */
    private static int indexOfAws(final String s, final int from) {
        int lower = s.indexOf('w', from + 1);
        int upper = s.indexOf('W', from + 1);
        while (lower >= 0 || upper >= 0) {
            final int w = lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
            if (w >= 1 && w + 1 < s.length() && (s.charAt(w - 1) | 0x20) == 'a' && (s.charAt(w + 1) | 0x20) == 's') {
                return w - 1;
            }
            if (w == lower) {
                lower = s.indexOf('w', w + 1);
            }
            if (w == upper) {
                upper = s.indexOf('W', w + 1);
            }
        }
        return -1;
    }

    private static boolean mixed(final String s, final int start, final int end) {
        boolean upper = false;
        boolean lower = false;
        boolean other = false;
        for (int i = start; i < end; i++) {
            final char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            other |= c >= '0' && c <= '9' || c == '/' || c == '+';
        }
        return upper && lower && other;
    }

    private static boolean isKeyChar(final char c) {
        return isAlnum(c) || c == '/' || c == '+';
    }

    private static boolean endsQueryValue(final char c) {
        return c == '&' || c == '#' || c == ';' || c == '?' || c == '"' || c == '\'' || c == '<' || c == '>' || c == ')'
                || Character.isWhitespace(c);
    }

    private static boolean isAlnum(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
