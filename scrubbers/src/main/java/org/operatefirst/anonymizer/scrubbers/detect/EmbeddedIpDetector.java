package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;

/**
 * Finds IPv4 addresses written inside host names and identifiers, where {@link IpAddressDetector} rightly sees part
 * of a larger token:
 *
 * <ul>
 *   <li>a dotted quad that starts a host name, {@code 198.51.100.9.static.example.net}, {@code 10.0.0.1.nip.io}
 *       ({@link FindingType#IPV4}, the quad's span);</li>
 *   <li>a dotted quad between hyphens in an identifier with a long number beside it, as HDFS block pools write
 *       it, {@code BP-1347369012-10.190.173.170-1444972147527} ({@link FindingType#IPV4}; looked for only in a text
 *       that holds {@code p-} or {@code P-}, or an address before a host name);</li>
 *   <li>four hyphen-separated octets that start a host name, {@code 203-0-113-7.dsl.example.net}, or follow
 *       {@code ip-}, {@code ip-10-0-3-17.ec2.internal}, {@code ip-10-0-3-17} ({@link FindingType#IPV4_HYPHENATED},
 *       rewritten as the pseudonym of the same address written plainly, with hyphens).</li>
 * </ul>
 *
 * A host name here is at least two more dot-separated labels whose last is letters only, so that versions such as
 * {@code 1.2.3.4.Final} or {@code kernel-2.6.32.1-rc} and dates stay unchanged; each octet is at most 255 and has at
 * most three digits.
 *
 * <p>Addresses start after a {@code .} or {@code -} is found next to a digit with {@link String#indexOf}; each
 * attempt reads a bounded number of characters before and after it, and the scan resumes after it, so the scan is
 * linear in the text. Stateless and thread-safe; never throws.
 */
public final class EmbeddedIpDetector implements Detector {

    /** The fewest digits of the number beside an address in a hyphen-delimited identifier. */
    static final int MIN_ID_DIGITS = 6;
    private static final int MAX_LABEL = 63;
    /**
     * What every shape needs (TriggerBigrams): a digit, a dot and a letter (an address before a host name's labels),
     * or {@code p-}/{@code P-} ({@code ip-}, {@code BP-}).
     */
    private static final long TRIGGERS = TriggerBigrams.DIGIT_DOT_LETTER | TriggerBigrams.bit("p-")
            | TriggerBigrams.bit("P-");
    /** The longest host name (RFC 1035): bounds the look-ahead of each attempt. */
    private static final int MAX_HOST_NAME = 253;

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final String s = text.toString();
        if ((TriggerBigrams.of(s) & TRIGGERS) == 0) {
            return;
        }
        final int n = s.length();
        int resume = 0;
        int dot = s.indexOf('.');
        int dash = s.indexOf('-');
        while (true) {
            if (dot >= 0 && dot < resume) {
                dot = s.indexOf('.', resume);
            }
            if (dash >= 0 && dash < resume) {
                dash = s.indexOf('-', resume);
            }
            final int at = dot < 0 ? dash : dash < 0 ? dot : Math.min(dot, dash);
            if (at < 0) {
                return;
            }
            resume = at + 1;
            if (at == 0 || at + 1 >= n || !isDigit(s.charAt(at - 1)) || !isDigit(s.charAt(at + 1))) {
                continue;
            }
            int start = at - 1;
            while (start > 0 && at - start < 3 && isDigit(s.charAt(start - 1))) {
                start--;
            }
            if (start > 0 && isDigit(s.charAt(start - 1))) {
                continue;
            }
            final char separator = s.charAt(at);
            final int end = quad(s, start, separator);
            if (end < 0) {
                continue;
            }
            if (separator == '.' ? dotted(s, start, end) : hyphenated(s, start, end)) {
                out.add(new Finding(separator == '.' ? FindingType.IPV4 : FindingType.IPV4_HYPHENATED, start, end));
                resume = end;
            }
        }
    }

    private static boolean dotted(final String s, final int start, final int end) {
        final char before = start == 0 ? ' ' : s.charAt(start - 1);
        if (!isWordChar(before) && before != '.' && before != '-' && end < s.length() && s.charAt(end) == '.') {
            return hostNameAt(s, end + 1);
        }
        // BP-1347369012-10.190.173.170-1444972147527
        return before == '-' && start >= 2 && isAlnum(s.charAt(start - 2)) && end + 1 < s.length()
                && s.charAt(end) == '-' && (digitsAfter(s, end + 1) >= MIN_ID_DIGITS
                || digitsBefore(s, start - 1) >= MIN_ID_DIGITS);
    }

    private static boolean hyphenated(final String s, final int start, final int end) {
        final boolean ipPrefix = start >= 3 && (s.startsWith("ip-", start - 3) || s.startsWith("IP-", start - 3))
                && (start == 3 || !isWordChar(s.charAt(start - 4)) && s.charAt(start - 4) != '-');
        final char before = start == 0 ? ' ' : s.charAt(start - 1);
        final boolean alone = ipPrefix || !isWordChar(before) && before != '-' && before != '.';
        if (!alone) {
            return false;
        }
        if (end < s.length() && s.charAt(end) == '.' && hostNameAt(s, end + 1)) {
            return true;
        }
        return ipPrefix && (end == s.length() || !isWordChar(s.charAt(end)) && s.charAt(end) != '-');
    }

    /** The end of four octets separated by {@code separator} from {@code start}, or -1. */
    private static int quad(final String s, final int start, final char separator) {
        int i = start;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= s.length() || s.charAt(i) != separator) {
                    return -1;
                }
                i++;
            }
            int value = 0;
            final int digits = i;
            while (i < s.length() && i - digits < 3 && isDigit(s.charAt(i))) {
                value = value * 10 + s.charAt(i) - '0';
                i++;
            }
            if (i == digits || value > 255 || i < s.length() && isDigit(s.charAt(i))) {
                return -1;
            }
        }
        if (i < s.length() && s.charAt(i) == separator && i + 1 < s.length() && isDigit(s.charAt(i + 1))) {
            return -1;
        }
        return i;
    }

    /** At least two dot-separated DNS labels from {@code at}, the last one letters only. */
    private static boolean hostNameAt(final String s, final int at) {
        int labels = 0;
        int i = at;
        boolean lettersOnly = false;
        while (true) {
            final int labelStart = i;
            lettersOnly = true;
            while (i < s.length() && i - labelStart < MAX_LABEL && (isAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
                lettersOnly &= Character.isLetter(s.charAt(i));
                i++;
            }
            if (i == labelStart) {
                return false;
            }
            labels++;
            if (i + 1 < s.length() && i - at < MAX_HOST_NAME && s.charAt(i) == '.' && isAlnum(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return labels >= 2 && lettersOnly && i - labelStart >= 2;
        }
    }

    private static int digitsAfter(final String s, final int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private static int digitsBefore(final String s, final int to) {
        int i = to;
        while (i > 0 && isDigit(s.charAt(i - 1))) {
            i--;
        }
        return to - i;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c);
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
