package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;
import java.util.Optional;

/**
 * Finds email addresses whose {@code @} is written another way ({@link FindingType#EMAIL}), which
 * {@link EmailDetector} does not see:
 *
 * <ul>
 *   <li>an HTML character reference, {@code jane&#64;example.org}, {@code &#064;}, {@code &#x40;} (either case of
 *       {@code x});</li>
 *   <li>a JSON or Java escape in text that is not parsed as JSON (a JSON document quoted in a log line),
 *       <code>jane&#92;u0040example.org</code>, with any number of backslashes before the {@code u};</li>
 *   <li>the words people write against harvesters: {@code jane(at)example.org}, {@code jane [at] example [dot] org},
 *       in round or square brackets, {@code at} and {@code dot} in lower or upper case, with or without one space on
 *       each side; the domain's dots may be written {@code (dot)}/{@code [dot]} the same way or plainly.</li>
 * </ul>
 *
 * The local part and the domain follow {@link EmailDetector}'s rules (local part of letters, digits and
 * {@code . _ - +}, at most 64 characters, with a letter or digit; at least two labels, the last of at least two
 * letters); the span covers the address as written, obfuscation included, and the pseudonym keeps that shape
 * ({@link org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer#email}). Not reported: the words without
 * brackets ({@code jane at example dot org}: too many false positives in prose), {@code (at)} in prose without a
 * local part and a dotted domain beside it, an entity or escape without an address around it.
 *
 * <p>Cost: nothing is searched unless the one pass of {@link TriggerBigrams} saw {@code &#}, <code>&#92;u</code>,
 * {@code (a}, {@code [a}, {@code (A} or {@code [A}; then each anchor is found with {@link String#indexOf(int, int)}
 * and each attempt reads at most 64 characters before it and 253 after, with the scan resuming after it, so it is
 * linear in the text. Stateless and thread-safe; never throws.
 */
public final class ObfuscatedEmailDetector implements Detector {

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_BACKSLASHES = 8;
    private static final long ENTITY = TriggerBigrams.bit("&#");
    private static final long ESCAPE = TriggerBigrams.bit("\\u");
    private static final long ROUND = TriggerBigrams.bit("(a") | TriggerBigrams.bit("(A");
    private static final long SQUARE = TriggerBigrams.bit("[a") | TriggerBigrams.bit("[A");

    /**
     * An obfuscated address taken apart.
     *
     * @param address the address with a plain {@code @} and plain dots, for example {@code jane@example.org}
     * @param at      the {@code @} as written, for example {@code " [at] "} or {@code "&#64;"}
     * @param dot     the domain's dots as written if they were obfuscated, for example {@code " [dot] "}; else
     *                {@code "."}
     */
    public record Obfuscation(String address, String at, String dot) {
    }

    /** Creates the detector. It has no configuration. */
    public ObfuscatedEmailDetector() {
        // stateless
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final String s = text.toString();
        final long triggers = TriggerBigrams.of(s);
        if ((triggers & (ENTITY | ESCAPE | ROUND | SQUARE)) == 0) {
            return;
        }
        int amp = (triggers & ENTITY) != 0 ? s.indexOf('&') : -1;
        int backslash = (triggers & ESCAPE) != 0 ? s.indexOf('\\') : -1;
        int round = (triggers & ROUND) != 0 ? s.indexOf('(') : -1;
        int square = (triggers & SQUARE) != 0 ? s.indexOf('[') : -1;
        int resume = 0;
        while (amp >= 0 || backslash >= 0 || round >= 0 || square >= 0) {
            final int at = min(min(amp, backslash), min(round, square));
            if (at == amp) {
                amp = s.indexOf('&', at + 1);
            }
            if (at == backslash) {
                backslash = s.indexOf('\\', at + 1);
            }
            if (at == round) {
                round = s.indexOf('(', at + 1);
            }
            if (at == square) {
                square = s.indexOf('[', at + 1);
            }
            if (at < resume) {
                continue;
            }
            final int coreEnd = anchorEnd(s, at);
            if (coreEnd < 0) {
                continue;
            }
            final long span = address(s, at, coreEnd, resume);
            if (span >= 0) {
                out.add(new Finding(FindingType.EMAIL, (int) (span >>> 32), (int) span));
                resume = (int) span;
            }
        }
    }

    private static int min(final int a, final int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /**
     * Takes an address the detector found apart, so that its pseudonym can be written in the same shape.
     *
     * @param span the text of a finding of this detector
     * @return the address and how it was written, or empty if the span is not an obfuscated address
     */
    public static Optional<Obfuscation> parse(final String span) {
        for (int i = 0; i < span.length(); i++) {
            final char c = span.charAt(i);
            if (c != '&' && c != '\\' && c != '(' && c != '[') {
                continue;
            }
            final int coreEnd = anchorEnd(span, i);
            if (coreEnd < 0) {
                continue;
            }
            final long span0 = address(span, i, coreEnd, 0);
            if (span0 < 0 || (int) (span0 >>> 32) != 0 || (int) span0 != span.length()) {
                return Optional.empty();
            }
            final int atStart = anchorStart(span, i);
            final int atEnd = spacedEnd(span, i, coreEnd);
            final String local = span.substring(0, atStart);
            final String rest = span.substring(atEnd);
            String dot = ".";
            final StringBuilder domain = new StringBuilder(rest.length());
            int p = 0;
            while (p < rest.length()) {
                final int dotEnd = dotEnd(rest, p);
                if (dotEnd > p) {
                    if (".".equals(dot) && dotEnd - p > 1) {
                        dot = rest.substring(p, dotEnd);
                    }
                    domain.append('.');
                    p = dotEnd;
                } else {
                    domain.append(rest.charAt(p++));
                }
            }
            return Optional.of(new Obfuscation(local + "@" + domain, span.substring(atStart, atEnd), dot));
        }
        return Optional.empty();
    }

    /** The end of the anchor's core ({@code &#64;}, <code>&#92;u0040</code>, {@code (at)}, ...) at {@code i}, or -1. */
    private static int anchorEnd(final String s, final int i) {
        final int n = s.length();
        switch (s.charAt(i)) {
            case '&' -> {
                if (i + 4 >= n || s.charAt(i + 1) != '#') {
                    return -1;
                }
                int j = i + 2;
                final boolean hex = s.charAt(j) == 'x' || s.charAt(j) == 'X';
                if (hex) {
                    j++;
                }
                final int digits = j;
                while (j < n && j - digits < 3 && s.charAt(j) == '0') {
                    j++;
                }
                final String value = hex ? "40" : "64";
                if (!s.startsWith(value, j) || j + 2 >= n || s.charAt(j + 2) != ';') {
                    return -1;
                }
                return j + 3;
            }
            case '\\' -> {
                int j = i + 1;
                while (j < n && j - i <= MAX_BACKSLASHES && s.charAt(j) == '\\') {
                    j++;
                }
                return s.startsWith("u0040", j) ? j + 5 : -1;
            }
            case '(', '[' -> {
                final char close = s.charAt(i) == '(' ? ')' : ']';
                if (i + 3 < n && (s.startsWith("at", i + 1) || s.startsWith("AT", i + 1))
                        && s.charAt(i + 3) == close) {
                    return i + 4;
                }
                return -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** Where the anchor whose core starts at {@code i} starts: before a space or the backslashes before it. */
    private static int anchorStart(final String s, final int i) {
        if (s.charAt(i) == '\\') {
            int j = i;
            while (j > 0 && i - j < MAX_BACKSLASHES && s.charAt(j - 1) == '\\') {
                j--;
            }
            return j;
        }
        if ((s.charAt(i) == '(' || s.charAt(i) == '[') && i > 0 && s.charAt(i - 1) == ' ') {
            return i - 1;
        }
        return i;
    }

    /** Where the anchor whose core ends at {@code coreEnd} ends: after one space for the bracket forms. */
    private static int spacedEnd(final String s, final int i, final int coreEnd) {
        if ((s.charAt(i) == '(' || s.charAt(i) == '[') && coreEnd < s.length() && s.charAt(coreEnd) == ' ') {
            return coreEnd + 1;
        }
        return coreEnd;
    }

    /**
     * The span of the address around the anchor whose core is {@code [i, coreEnd)}, packed as
     * {@code start << 32 | end}, or -1 if there is none. The local part starts no earlier than {@code floor}.
     */
    private static long address(final String s, final int i, final int coreEnd, final int floor) {
        final int atStart = anchorStart(s, i);
        final int localEnd = atStart;
        int localStart = localEnd;
        boolean alnum = false;
        while (localStart > floor && localEnd - localStart < MAX_LOCAL + 1 && isLocalChar(s.charAt(localStart - 1))) {
            localStart--;
            alnum |= isAlnum(s.charAt(localStart));
        }
        if (localStart > 0 && isLocalChar(s.charAt(localStart - 1)) || localEnd - localStart > MAX_LOCAL) {
            return -1;
        }
        while (localStart < localEnd && s.charAt(localStart) == '.') {
            localStart++;
        }
        if (!alnum || localStart == localEnd) {
            return -1;
        }
        final boolean brackets = s.charAt(i) == '(' || s.charAt(i) == '[';
        final int domainStart = brackets ? spacedEnd(s, i, coreEnd) : coreEnd;
        final int end = domainEnd(s, domainStart, brackets);
        return end < 0 ? -1 : (long) localStart << 32 | end;
    }

    /** The end of the longest valid domain from {@code from}, or -1; obfuscated dots only after a bracket anchor. */
    private static int domainEnd(final String s, final int from, final boolean obfuscatedDots) {
        final int n = s.length();
        final int limit = Math.min(n, from + MAX_DOMAIN);
        int end = -1;
        int labels = 0;
        int p = from;
        while (p < limit) {
            final int labelStart = p;
            boolean lettersOnly = true;
            while (p < limit && p - labelStart <= MAX_LABEL && (isAlnum(s.charAt(p)) || s.charAt(p) == '-')) {
                lettersOnly &= isLetter(s.charAt(p));
                p++;
            }
            final int length = p - labelStart;
            if (length == 0 || length > MAX_LABEL || s.charAt(labelStart) == '-' || s.charAt(p - 1) == '-') {
                break;
            }
            labels++;
            if (labels >= 2 && (lettersOnly && length >= 2 || isPunycode(s, labelStart, p))) {
                end = p;
            }
            if (p < n && isAlnumOrHyphen(s, p)) {
                break;
            }
            final int dotEnd = obfuscatedDots ? dotEnd(s, p) : p < n - 1 && s.charAt(p) == '.' ? p + 1 : p;
            if (dotEnd == p || dotEnd >= n || !isAlnum(s.charAt(dotEnd))) {
                break;
            }
            p = dotEnd;
        }
        return end;
    }

    /** The end of a dot at {@code p}: {@code .}, {@code [dot]} or {@code (dot)}, with a space on either side; or p. */
    private static int dotEnd(final String s, final int p) {
        final int n = s.length();
        if (p < n && s.charAt(p) == '.') {
            return p + 1;
        }
        int j = p < n && s.charAt(p) == ' ' ? p + 1 : p;
        if (j + 4 < n && (s.charAt(j) == '(' || s.charAt(j) == '[')
                && (s.startsWith("dot", j + 1) || s.startsWith("DOT", j + 1))
                && s.charAt(j + 4) == (s.charAt(j) == '(' ? ')' : ']')) {
            j += 5;
            return j < n && s.charAt(j) == ' ' ? j + 1 : j;
        }
        return p;
    }

    private static boolean isAlnumOrHyphen(final String s, final int p) {
        return isAlnum(s.charAt(p)) || s.charAt(p) == '-';
    }

    private static boolean isPunycode(final String s, final int start, final int end) {
        return end - start >= 5 && s.regionMatches(true, start, "xn--", 0, 4);
    }

    private static boolean isLocalChar(final char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+';
    }

    private static boolean isAlnum(final char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean isLetter(final char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
        return Character.isLetter(c);
    }
}
