package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;

/**
 * Finds IPv4 ({@link FindingType#IPV4}) and IPv6 ({@link FindingType#IPV6}) address literals in text.
 *
 * <h2>IPv4</h2>
 * Four decimal octets separated by dots, each one to three digits with a value of at most 255. Leading zeros are
 * accepted and read as decimal ({@code 010.000.000.001} is reported): some network equipment pads addresses that
 * way, and a missed address costs more than a rare false positive. The octal reading of {@code inet_aton} is not
 * applied, and forms with fewer than four parts ({@code 10.1}) or in hex are not addresses here.
 *
 * <h2>IPv6</h2>
 * Every RFC 4291 text form: eight groups of one to four hex digits, one {@code ::} standing for one or more zero
 * groups (also leading or trailing: {@code ::1}, {@code fe80::}), and an IPv4 tail in the last 32 bits
 * ({@code ::ffff:10.131.0.1}, {@code 64:ff9b::192.0.2.33}). A mixed form is <em>one</em> finding of type IPV6.
 * At least one group is required: {@code ::} on its own is the unspecified address, which identifies nobody, and
 * in prose it is punctuation ({@code [::]:8080} and {@code :::8080} yield nothing). A group that mixes upper and
 * lower case letters ({@code Face::Bead}, and so {@code Fe80::1}) marks a word, not an address. Short all-hex
 * forms such as {@code a::b} or {@code 12::30} are valid addresses and are reported. Without brackets a port
 * cannot be told apart from a last group, so {@code ::1:8080} is read as one address; bracketed forms are exact.
 * In URL query values the colons may be percent-encoded, once or more, the same way throughout
 * ({@code %5B2001%3Adb8%3A%3A1%5D}); the span then includes the encoding, as {@link EmailDetector}'s does, and the
 * caller decodes it.
 *
 * <h2>Spans</h2>
 * The span is the address only. Ports ({@code 10.131.2.139:9090}, {@code [2001:db8::1]:8443}), CIDR prefix lengths
 * ({@code 10.131.3.106/23}), brackets and zone ids ({@code fe80::1%eth0}, {@code fe80::1%25eth0} in URLs) stay
 * outside it, so a rewrite keeps them as they are. A zone names an interface of the host, not a person.
 *
 * <h2>Boundaries</h2>
 * An address is not reported when it is part of a larger token:
 * <ul>
 *   <li>preceded by a letter, digit or {@code _}, or by a {@code .} that follows one ({@code v1.2.3.4},
 *       {@code v.1.2.3.4}, OIDs such as {@code 1.3.6.1.4.1.2021}); followed by one, or by {@code .} and one
 *       ({@code 1.2.3.4.5}, {@code 10.0.0.1.nip.io}). A sentence's final dot and a leading ellipsis are fine, and a
 *       percent escape such as {@code %2F} or {@code %5B} directly before the address is a separator, so addresses
 *       in encoded URLs are found;</li>
 *   <li>joined with {@code -} to a word ({@code 2.6.32.1-rc}, {@code kernel-2.6.32.1}). A range of two
 *       addresses ({@code 192.0.2.1-192.0.2.9}) yields both, and {@code 192.0.2.1->192.0.2.9} is two addresses;</li>
 *   <li>for IPv6, preceded by a colon that follows another colon, a dot, or a lone group of hex digits: that is the
 *       middle of a longer colon-separated token (a time stamp, a fingerprint, a longer address). After a word
 *       that only ends in hex digits ({@code inet6:fe80::1}) the address is found.</li>
 * </ul>
 * Consequently versions with other than four parts ({@code v1.20.5}, {@code 4.7.0}), durations ({@code 13.28ms}),
 * times ({@code 19:19:02.124608}), UUIDs, image digests ({@code sha256:...}), scopes ({@code std::vector}) and
 * MAC addresses ({@code 00:1a:2b:3c:4d:5e}: six groups, not eight) are not addresses. A bare dotted quad such as
 * {@code 1.2.3.4} is reported even when it is a version number: the text gives no way to tell. An IPv4 tail of
 * something that is not a valid IPv6 address ({@code 1:2:3:4:5:6:7:192.0.2.1}) is reported as IPv4.
 *
 * <h2>Cost</h2>
 * One forward pass. An address can only start after a separator, and each attempt reads a bounded number of
 * characters (at most eight groups, eight separators and an IPv4 tail; encodings are read up to
 * {@value #MAX_ESCAPE_DEPTH} levels deep), so the scan is linear in the length of the text. Every address has a
 * {@code .}, {@code :} or {@code %} among its first five characters, so in a {@link String} the scan skips the
 * stretches that lack one, found by {@link String#indexOf}, and reads the characters before one only if a few
 * characters from it can begin an address: a dot between digits that three dotted octets follow, a colon that a
 * {@code ::} or six colons follow among hex digits, or a percent escape. The colons of a time stamp and the dots of
 * a path or a duration are passed over. Stateless and thread-safe; never throws.
 */
public final class IpAddressDetector implements Detector {

    /** How many nested {@code %25} encodings of a separator before an address are recognised. */
    private static final int MAX_ESCAPE_DEPTH = 8;

    /**
     * How far {@link #passedSeparators} reads colons and hex digits: six colons with at most four hex digits between
     * them fit in 26 characters.
     */
    private static final int MAX_COLON_RUN = 32;

    /** Creates the detector. It has no configuration. */
    public IpAddressDetector() {
        // stateless
    }

    @Override
    public void detect(CharSequence text, List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final int n = text.length();
        // Every address has a '.', ':' or '%' among its first five characters (see mayStartGroup, mayStartOctet):
        // in a String, the scan jumps to four characters before the next one, found by vectorised searches.
        final String string = text instanceof String s ? s : null;
        int dot = string == null ? -1 : string.indexOf('.');
        int colon = string == null ? -1 : string.indexOf(':');
        int percent = string == null ? -1 : string.indexOf('%');
        int lastEnd = -1;
        // The separator whose window is being read: passedSeparators kept it.
        int accepted = -1;
        int i = 0;
        while (i < n) {
            if (string != null) {
                if (dot >= 0 && dot < i) {
                    dot = string.indexOf('.', i);
                }
                if (colon >= 0 && colon < i) {
                    colon = string.indexOf(':', i);
                }
                if (percent >= 0 && percent < i) {
                    percent = string.indexOf('%', i);
                }
                final int separator = Math.min(unsigned(dot), Math.min(unsigned(colon), unsigned(percent)));
                if (separator == Integer.MAX_VALUE) {
                    return;
                }
                if (separator != accepted) {
                    final int passed = passedSeparators(string, separator, n);
                    if (passed > separator) {
                        // No address starts at or before these separators: a time stamp or path is passed over.
                        i = passed;
                        continue;
                    }
                    accepted = separator;
                }
                i = Math.max(i, separator - 4);
            }
            final char c = text.charAt(i);
            if (!isHex(c) && c != ':' && c != '%' || insideWord(text, i)) {
                i++;
                continue;
            }
            if ((c == ':' || c == '%' || isHex(c) && mayStartGroup(text, i, n)) && isStart(text, i, lastEnd, true)) {
                final int end = parse6(text, i, n);
                if (end > 0 && isEnd6(text, end, n, true)) {
                    out.add(new Finding(FindingType.IPV6, i, end));
                    lastEnd = end;
                    i = end;
                    continue;
                }
            }
            if (isDigit(c) && mayStartOctet(text, i, n) && isStart(text, i, lastEnd, false)) {
                final int end = parse4(text, i, n);
                if (end > 0 && isEnd4(text, end, n, true)) {
                    out.add(new Finding(FindingType.IPV4, i, end));
                    lastEnd = end;
                    i = end;
                    continue;
                }
            }
            i++;
        }
    }

    /**
     * A cheap necessary condition of an address starting in the four characters before {@code separator}, or at it,
     * when {@code separator} is the first {@code .}, {@code :} or {@code %} at or after that start. An IPv4 address
     * then has its first dot there and three dotted octets from it; an IPv6 address with literal colons has its
     * first colon there, and a {@code ::} or at least six colons among the hex digits and colons that follow (eight
     * groups have seven, six groups and an IPv4 tail six, anything shorter a {@code ::}). Most separators of a line
     * (time stamps, durations, paths, dotted names, {@code key:} labels) fail it after reading a few characters,
     * and so do the later colons of a run of hex digits and colons that fails it. A percent escape, which may
     * encode a colon, always passes.
     *
     * @param text      the text
     * @param separator the index of a {@code .}, {@code :} or {@code %}
     * @param n         the length of the text
     * @return {@code separator} if an address may start in {@code [separator - 4, separator]}; otherwise the index
     *         after the last separator that fails the condition for the same reason, where the scan resumes
     */
    private static int passedSeparators(final String text, final int separator, final int n) {
        final char c = text.charAt(separator);
        if (c == '.') {
            if (separator == 0 || !isDigit(text.charAt(separator - 1))) {
                return separator + 1;
            }
            // Octets two to four, as parse4 reads them, without their values.
            int p = separator;
            for (int octet = 1; octet < 4; octet++) {
                if (p >= n || text.charAt(p) != '.') {
                    return separator + 1;
                }
                p++;
                final int digitsStart = p;
                while (p < n && p - digitsStart < 4 && isDigit(text.charAt(p))) {
                    p++;
                }
                if (p == digitsStart || p - digitsStart > 3) {
                    return separator + 1;
                }
            }
            return separator;
        }
        if (c == ':') {
            int colons = 0;
            int lastColon = separator;
            final int end = Math.min(n, separator + MAX_COLON_RUN);
            for (int p = separator; p < end; p++) {
                final char d = text.charAt(p);
                if (d == ':') {
                    if (p > separator && text.charAt(p - 1) == ':' || ++colons >= 6) {
                        return separator;
                    }
                    lastColon = p;
                } else if (!isHex(d)) {
                    // The run ends: each of its colons is followed by a part of it, which holds no more.
                    return lastColon + 1;
                }
            }
            // Still reading groups after MAX_COLON_RUN characters: leave the decision to the full parse.
            return end == n ? lastColon + 1 : separator;
        }
        return separator;
    }

    /** An index of {@link String#indexOf}, with "not found" (-1) read as beyond every index. */
    private static int unsigned(int index) {
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /**
     * Whether the hex digit at {@code i} may start an IPv6 address: its group of at most four hex digits is followed
     * by a colon, literal or percent-encoded. Rules out most words cheaply, before the full parse.
     */
    private static boolean mayStartGroup(CharSequence text, int i, int n) {
        int j = i + 1;
        while (j < n && j - i <= 4 && isHex(text.charAt(j))) {
            j++;
        }
        return j < n && j - i <= 4 && (text.charAt(j) == ':' || text.charAt(j) == '%');
    }

    /**
     * Whether {@code i} is inside a word (or a dotted word) and not right after a percent escape: no address starts
     * there. A cheap necessary condition of {@link #isStart} returning false, checked first because it holds for
     * most characters of a line.
     */
    private static boolean insideWord(CharSequence text, int i) {
        if (i == 0) {
            return false;
        }
        final char previous = text.charAt(i - 1);
        if (!(isWordChar(previous) || previous == '.' && i >= 2 && isWordChar(text.charAt(i - 2)))) {
            return false;
        }
        // escapeBefore finds an escape only if one starts (with '%' or a "25" layer) three characters back.
        return i < 3 || text.charAt(i - 3) != '%' && text.charAt(i - 3) != '5';
    }

    /** Whether the digit at {@code i} may start an IPv4 address: its one to three digits are followed by a dot. */
    private static boolean mayStartOctet(CharSequence text, int i, int n) {
        int j = i + 1;
        while (j < n && j - i <= 3 && isDigit(text.charAt(j))) {
            j++;
        }
        return j < n && j - i <= 3 && text.charAt(j) == '.';
    }

    /** Whether an address may start at {@code i}, judging by what precedes it. */
    private static boolean isStart(CharSequence text, int i, int lastEnd, boolean v6) {
        if (i == 0) {
            return true;
        }
        final char previous = text.charAt(i - 1);
        // A dot continues a dotted token ("v1.2.3.4", an OID) only after a word; an ellipsis does not.
        if (isWordChar(previous) || previous == '.' && i >= 2 && isWordChar(text.charAt(i - 2))) {
            final int escape = escapeBefore(text, i);
            // After an encoded colon the same rule applies as after a literal one.
            return escape >= 0
                    && !(v6 && separator(text, escape, text.length()) > 0 && continuesBefore(text, escape));
        }
        if (previous == '%') {
            // The first digit of an escape such as %20 is not the start of an address.
            return !(i + 1 < text.length() && isHex(text.charAt(i)) && isHex(text.charAt(i + 1)));
        }
        if (previous == '-') {
            return lastEnd == i - 1 || i < 2 || !isWordChar(text.charAt(i - 2));
        }
        if (previous == ':' && v6) {
            return text.charAt(i) != ':' && !continuesBefore(text, i - 1);
        }
        return true;
    }

    /**
     * Whether the separator at {@code colon} is inside a longer colon-separated token (a time stamp, a fingerprint,
     * a longer address): it follows a colon, a dot, or a group of one to four hex digits that stands alone. After a
     * word that merely ends in hex digits ({@code inet6:}, {@code sha256:}) an address may start.
     */
    private static boolean continuesBefore(CharSequence text, int colon) {
        if (colon == 0) {
            return false;
        }
        final char c = text.charAt(colon - 1);
        if (c == ':' || c == '.') {
            return true;
        }
        int j = colon - 1;
        while (j >= 0 && colon - j <= 5 && isHex(text.charAt(j))) {
            j--;
        }
        final int hexDigits = colon - 1 - j;
        if (hexDigits == 0 || hexDigits > 4) {
            return false;
        }
        return j < 0 || !isWordChar(text.charAt(j));
    }

    /**
     * Where the complete percent escape ({@code %XX}, {@code %25XX}, ...) that ends right before {@code i} starts,
     * read the way {@link #escapeEnd} reads it.
     *
     * @return the index of its {@code %}, or -1 if {@code i} does not follow an escape
     */
    private static int escapeBefore(CharSequence text, int i) {
        if (i < 3 || !isHex(text.charAt(i - 1)) || !isHex(text.charAt(i - 2))) {
            return -1;
        }
        // Greedy reading would take "25" + two hex digits at i as a deeper escape: then i is inside it.
        if (text.charAt(i - 2) == '2' && text.charAt(i - 1) == '5' && i + 1 < text.length()
                && isHex(text.charAt(i)) && isHex(text.charAt(i + 1))) {
            return -1;
        }
        int q = i - 3;
        for (int depth = 0; depth < MAX_ESCAPE_DEPTH && q >= 0; depth++) {
            if (text.charAt(q) == '%') {
                return q;
            }
            if (q < 1 || text.charAt(q) != '5' || text.charAt(q - 1) != '2') {
                return -1;
            }
            q -= 2;
        }
        return -1;
    }

    /**
     * Parses an IPv4 literal at {@code start}.
     *
     * @return the index after the fourth octet, or -1
     */
    private static int parse4(CharSequence text, int start, int n) {
        int p = start;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (p >= n || text.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
            int value = 0;
            int digits = 0;
            while (p < n && digits < 4 && isDigit(text.charAt(p))) {
                value = value * 10 + text.charAt(p) - '0';
                digits++;
                p++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
        }
        return p;
    }

    /**
     * Parses an IPv6 literal at {@code start}. Groups are separated by {@code :} or by a percent-encoded colon
     * ({@code %3A}, {@code %253A}, ...), the same form throughout. A single separator after the last group is
     * punctuation and is left out.
     *
     * @return the index after the address, or -1
     */
    private static int parse6(CharSequence text, int start, int n) {
        int p = start;
        int groups = 0;
        boolean compressed = false;
        // Length of the separator in use: 1 for ':', longer for an encoded colon; 0 until the first one.
        int form = separator(text, p, n);
        if (form > 0) {
            if (separator(text, p + form, n) != form || p + 2 * form >= n || !isHex(text.charAt(p + 2 * form))) {
                return -1;
            }
            compressed = true;
            p += 2 * form;
        }
        while (true) {
            final int groupStart = p;
            boolean upper = false;
            boolean lower = false;
            boolean decimal = true;
            while (p < n && p - groupStart < 5) {
                final char c = text.charAt(p);
                if (c >= '0' && c <= '9') {
                    p++;
                } else if (c >= 'a' && c <= 'f') {
                    lower = true;
                    decimal = false;
                    p++;
                } else if (c >= 'A' && c <= 'F') {
                    upper = true;
                    decimal = false;
                    p++;
                } else {
                    break;
                }
            }
            if (p + 1 < n && text.charAt(p) == '.' && isDigit(text.charAt(p + 1))) {
                // An IPv4 tail fills the last two groups. A dot followed by anything else may end a sentence.
                if (!decimal || (compressed ? groups > 5 : groups != 6)) {
                    return -1;
                }
                final int end = parse4(text, groupStart, n);
                return end > 0 && isEnd4(text, end, n, false) ? end : -1;
            }
            if (p - groupStart > 4 || upper && lower) {
                return -1;
            }
            groups++;
            if (groups > 8) {
                return -1;
            }
            final int first = separator(text, p, n);
            if (first == 0 || form != 0 && first != form) {
                break;
            }
            form = first;
            final int afterFirst = p + first;
            if (separator(text, afterFirst, n) == form) {
                if (compressed) {
                    return -1;
                }
                compressed = true;
                p = afterFirst + form;
                if (p < n && isHex(text.charAt(p))) {
                    continue;
                }
                break;
            }
            if (afterFirst < n && isHex(text.charAt(afterFirst))) {
                p = afterFirst;
                continue;
            }
            break;
        }
        return (compressed ? groups <= 7 : groups == 8) ? p : -1;
    }

    /**
     * The length of the group separator at {@code p}: 1 for {@code :}, the length of the escape for a
     * percent-encoded colon, 0 for anything else.
     */
    private static int separator(CharSequence text, int p, int n) {
        if (p >= n) {
            return 0;
        }
        final char c = text.charAt(p);
        if (c == ':') {
            return 1;
        }
        if (c == '%') {
            final int end = escapeEnd(text, p, n);
            if (end > 0 && text.charAt(end - 2) == '3' && (text.charAt(end - 1) | 0x20) == 'a') {
                return end - p;
            }
        }
        return 0;
    }

    /**
     * Parses a percent escape, possibly encoded again ({@code %XX}, {@code %25XX}, ...), the way
     * {@link EmailDetector} does, up to {@link #MAX_ESCAPE_DEPTH} levels.
     *
     * @return the index after the escape, or -1
     */
    private static int escapeEnd(CharSequence text, int at, int n) {
        int j = at + 1;
        if (j + 1 >= n || !isHex(text.charAt(j)) || !isHex(text.charAt(j + 1))) {
            return -1;
        }
        int depth = 1;
        while (j + 3 < n && text.charAt(j) == '2' && text.charAt(j + 1) == '5'
                && isHex(text.charAt(j + 2)) && isHex(text.charAt(j + 3))) {
            if (++depth > MAX_ESCAPE_DEPTH) {
                return -1;
            }
            j += 2;
        }
        return j + 2;
    }

    /** Whether an IPv4 literal may end at {@code end}, judging by what follows it. */
    private static boolean isEnd4(CharSequence text, int end, int n, boolean rangeAllowed) {
        if (end >= n) {
            return true;
        }
        final char c = text.charAt(end);
        if (isWordChar(c)) {
            return false;
        }
        if (c == '.') {
            return end + 1 >= n || !isWordChar(text.charAt(end + 1));
        }
        if (c == '-' && end + 1 < n && isWordChar(text.charAt(end + 1))) {
            if (!rangeAllowed) {
                return false;
            }
            final int next = parse4(text, end + 1, n);
            return next > 0 && isEnd4(text, next, n, false);
        }
        return true;
    }

    /** Whether an IPv6 literal may end at {@code end}, judging by what follows it. */
    private static boolean isEnd6(CharSequence text, int end, int n, boolean rangeAllowed) {
        if (end >= n) {
            return true;
        }
        final char c = text.charAt(end);
        if (isWordChar(c)) {
            return false;
        }
        if (c == '.') {
            return end + 1 >= n || !isWordChar(text.charAt(end + 1));
        }
        if (c == ':') {
            return end + 1 >= n || text.charAt(end + 1) != ':';
        }
        if (c == '-' && end + 1 < n && isWordChar(text.charAt(end + 1))) {
            if (!rangeAllowed) {
                return false;
            }
            final int next = parse6(text, end + 1, n);
            return next > 0 && isEnd6(text, next, n, false);
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
