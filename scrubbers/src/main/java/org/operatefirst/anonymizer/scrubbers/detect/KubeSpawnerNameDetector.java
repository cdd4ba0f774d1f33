package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds user names ({@link FindingType#ESCAPED_USERNAME}) in the names JupyterHub's KubeSpawner gives a user's pods
 * and volume claims, such as {@code jupyterhub-nb-jdoe-40example-2eorg} or {@code claim-jdoe}, wherever they appear:
 * in Kubernetes events, metric labels, log lines, URLs.
 *
 * <h2>What counts as a name</h2>
 * A <em>token</em> is a maximal run of {@code a-z}, {@code 0-9} and {@code -}, the characters of a name that
 * KubeSpawner's legacy {@code escape} scheme produces. Anything else ends it: {@code "}, {@code /}, a space, the
 * {@code .} of an event name ({@code jupyterhub-nb-jdoe-40example-2eorg.167c23baee4d0e1c}) or of a DNS name,
 * upper-case letters, {@code _}. A token is a name made from a {@link NameTemplate} when, all at once,
 * <ul>
 *   <li>it starts with the template's prefix and ends with its suffix: a prefix in the middle of a token
 *       ({@code my-claim-jdoe}) or text after the suffix ({@code jupyter-jdoe-pod}) is not a match;</li>
 *   <li>what lies between is one non-empty escaped user name ({@link KubeSpawnerEscape}), or, for a template with
 *       {@code {servername}}, an escaped user name, the separator and a non-empty escaped server name;</li>
 *   <li>it is at most {@value #MAX_NAME_LENGTH} characters long, the limit of a Kubernetes object name.</li>
 * </ul>
 * A token right after a percent escape ({@code %2fjupyter-jdoe} in an encoded URL) is also tried without the
 * escape's two digits. The span of the finding is the escaped user name only; the server name is left alone.
 *
 * <h2>Platform names</h2>
 * Prefixes such as {@code jupyter-} and {@code claim-} are generic, so most of the work is telling a user's name
 * from a platform's. What rules a platform name out is the escaping itself: in an escaped name every {@code -}
 * starts an escape {@code -xx}, whose bytes must be UTF-8 that {@code escapism} would have written. So
 * {@code jupyter-notebook-controller} ({@code -co}), {@code jupyter-web-app-7d9f8c6b5d-xk2lp} ({@code -ap}) and
 * {@code jupyterhub-db-1-x2b9k} (a different prefix) are not names, and neither are {@code jupyter-hub-61}
 * ({@code a} is never escaped) or {@code jupyter-x-de} (not UTF-8). What remains ambiguous is deliberately reported:
 * a token such as {@code jupyter-proxy} or {@code claim-based} has the shape of a plain user name, and is one for
 * some hub. Rewriting it costs a platform name's readability; leaving it could publish a person's name. Hubs whose
 * templates differ from {@link NameTemplate#defaults()} should configure their own, which also narrows this.
 *
 * <h2>Templates</h2>
 * When several templates match one token (with {@code jupyter-{username}} and {@code jupyter-nb-{username}},
 * {@code jupyter-nb-2ejdoe} reads either way), the one with the most literal characters wins, and a token yields at
 * most one finding.
 *
 * <h2>Cost</h2>
 * Tokens do not overlap, and each is matched against each template at most twice, reading no more than
 * {@value #MAX_NAME_LENGTH} characters; longer tokens are skipped after they are read once. The scan is linear in
 * the length of the text. Every match starts with a template's prefix, so a text that holds none of the prefixes is
 * dismissed by a {@link Prefilter} before the scan. Immutable and thread-safe; never throws on any text.
 */
public final class KubeSpawnerNameDetector implements Detector {

    /** The longest Kubernetes object name (a DNS-1123 subdomain); a longer token is not a KubeSpawner name. */
    public static final int MAX_NAME_LENGTH = 253;

    private final List<NameTemplate> templates;
    /** Characters a matching token can start with: the first character of each template's prefix. */
    private final boolean[] firstChars = new boolean[128];
    /** Whether a template starts with its user name, so a token can start with any character. */
    private final boolean anyFirstChar;
    /** Literals every match starts with: the templates' prefixes. */
    private final Prefilter prefilter;

    /**
     * Creates a detector for a hub's templates.
     *
     * @param templates the templates, for example {@link NameTemplate#defaults()}; at least one
     * @throws IllegalArgumentException if the list is empty
     */
    public KubeSpawnerNameDetector(final List<NameTemplate> templates) {
        final List<NameTemplate> ordered = mostLiteralFirst(templates, "name");
        this.templates = ordered;
        boolean any = false;
        for (final NameTemplate template : ordered) {
            final String prefix = template.prefix();
            if (prefix.isEmpty() || prefix.charAt(0) >= firstChars.length) {
                any = true;
            } else {
                firstChars[prefix.charAt(0)] = true;
            }
        }
        this.anyFirstChar = any;
        // Every template has a prefix (NameTemplate refuses one without), and every match starts with one.
        this.prefilter = Prefilter.anyOf(ordered.stream().map(NameTemplate::prefix).toList());
    }

    /**
     * Validates a hub's templates and orders them so that the one with the most literal characters is tried first.
     *
     * @param templates the templates; at least one
     * @param detector  what the detector looks for, for the message
     * @return the templates, most literal first, immutable
     * @throws IllegalArgumentException if the list is empty
     */
    static List<NameTemplate> mostLiteralFirst(final List<NameTemplate> templates, final String detector) {
        Objects.requireNonNull(templates, "templates");
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("a KubeSpawner " + detector
                    + " detector needs at least one name template");
        }
        final List<NameTemplate> ordered = new ArrayList<>(templates);
        ordered.forEach(template -> Objects.requireNonNull(template, "template"));
        ordered.sort(Comparator.comparingInt(NameTemplate::literalLength).reversed());
        return List.copyOf(ordered);
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        // match() reports a token only if the text holds a template's prefix at its start (or after an escape).
        if (text == null || out == null || !prefilter.mayMatch(text)) {
            return;
        }
        final int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isNameChar(text.charAt(i))) {
                i++;
                continue;
            }
            final int start = i;
            int end = i + 1;
            while (end < n && isNameChar(text.charAt(end))) {
                end++;
            }
            if (!mayMatch(text.charAt(start)) && !afterPercent(text, start, end)) {
                // The common case: a word no template starts with.
                i = end;
                continue;
            }
            if (!match(text, start, end, out) && afterPercent(text, start, end)) {
                match(text, start + 2, end, out);
            }
            i = end;
        }
    }

    /** Matches the token {@code [start, end)} against the templates; adds at most one finding. */
    private boolean match(final CharSequence text, final int start, final int end, final List<Finding> out) {
        final int length = end - start;
        if (length > MAX_NAME_LENGTH) {
            return false;
        }
        for (final NameTemplate template : templates) {
            final String prefix = template.prefix();
            final String suffix = template.suffix();
            if (length < template.literalLength() + (template.hasServername() ? 2 : 1)
                    || !literalAt(text, start, prefix) || !literalAt(text, end - suffix.length(), suffix)) {
                continue;
            }
            final int userStart = start + prefix.length();
            final int middleEnd = end - suffix.length();
            final int userEnd = KubeSpawnerEscape.scan(text, userStart, middleEnd);
            if (userEnd <= userStart) {
                continue;
            }
            if (template.hasServername()) {
                // The user name ends where its scan stops: a separator never continues an escaped name.
                final String separator = template.separator();
                final int serverStart = userEnd + separator.length();
                if (serverStart >= middleEnd || !literalAt(text, userEnd, separator)
                        || KubeSpawnerEscape.scan(text, serverStart, middleEnd) != middleEnd) {
                    continue;
                }
            } else if (userEnd != middleEnd) {
                continue;
            }
            out.add(new Finding(FindingType.ESCAPED_USERNAME, userStart, userEnd));
            return true;
        }
        return false;
    }

    private boolean mayMatch(final char first) {
        return anyFirstChar || first < firstChars.length && firstChars[first];
    }

    /** Whether the token starts right after the {@code %} of a percent escape, such as {@code %2f}. */
    static boolean afterPercent(final CharSequence text, final int start, final int end) {
        return start > 0 && text.charAt(start - 1) == '%' && end - start > 2
                && isHexDigit(text.charAt(start)) && isHexDigit(text.charAt(start + 1));
    }

    /** Whether {@code literal} occurs in {@code text} at {@code at}. */
    static boolean literalAt(final CharSequence text, final int at, final String literal) {
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

    private static boolean isNameChar(final char c) {
        return KubeSpawnerEscape.isSafe(c) || c == '-';
    }

    private static boolean isHexDigit(final char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }
}
