package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;

/**
 * Finds email addresses ({@link FindingType#EMAIL}) in free text, URLs and percent-encoded query values.
 *
 * <h2>What counts as an address</h2>
 * <ul>
 *   <li><b>Anchor.</b> A literal {@code @}, or {@code @} percent-encoded one or more times: {@code %40},
 *       {@code %2540}, {@code %252540}, ... (hex digits in either case).</li>
 *   <li><b>Local part.</b> The run of characters directly before the anchor made of letters, digits,
 *       {@code . _ - +}, an apostrophe between two letters or digits ({@code o'brien}), and {@code +} percent-encoded
 *       at any depth ({@code %2B}, {@code %252B}). Any other character, and any other percent escape (such as
 *       {@code %2F} in an encoded path), ends the run. Leading dots are dropped. The local part must contain a
 *       letter or digit and be at most 64 characters long once its encoded pluses are counted as one character
 *       each; a longer run is not reported at all (it is not an address, and cutting it would leave part of it).
 *       The run is maximal, so in {@code client_id=hub-user-jane%2540example.org} the local part is
 *       {@code hub-user-jane}: over-inclusion is the safe side.</li>
 *   <li><b>Domain.</b> Dot-separated labels of letters, digits and {@code -} after the anchor, at most 63
 *       characters each and 253 in all; no label starts or ends with {@code -}. The domain has at least two labels
 *       and ends in a top-level label of at least two letters (or a punycode {@code xn--} label). The domain ends
 *       at the last label that satisfies this, so trailing punctuation ({@code .}, {@code ,}, {@code )},
 *       {@code ;}, {@code :port}, a following {@code @}) stays outside the span, as does the rest of a label
 *       that continues with {@code -} after the letters of its top-level part ({@code jane@example.org--}).</li>
 * </ul>
 * Letters and digits outside ASCII are accepted in both parts (internationalised addresses).
 *
 * <h2>Deliberately not reported</h2>
 * <ul>
 *   <li>A domain that is an IP literal ({@code user@192.0.2.1}, {@code user@[192.0.2.1]}): the address is found
 *       by {@link IpAddressDetector}; the user part alone is not treated as personal data here.</li>
 *   <li>A domain without a dot or with a numeric last label: {@code user@localhost},
 *       {@code apiserver-loopback-client@1619551141}, image references such as
 *       {@code quay.io/org/image@sha256:...}, package versions such as {@code lodash@4.17.21}.</li>
 *   <li>Nothing before the anchor: {@code @Override}, {@code @scope/pkg}, {@code @example.org}.</li>
 *   <li>Quoted local parts ({@code "john doe"@example.org}) and {@code .} encoded as {@code %2E}: rare in
 *       operational data.</li>
 * </ul>
 * Address-shaped tokens that are not mailboxes are reported: {@code git@github.com:org/repo} yields
 * {@code git@github.com}, and a file name such as {@code logo@2x.png} yields {@code logo@2x.png}, because the
 * domain rules cannot tell them apart from a real address and a missed address is worse than a rewritten token.
 *
 * <h2>Spans and encoding</h2>
 * The span covers the address exactly as it appears in the text, <em>including</em> its encoding: for
 * {@code ?u=jane%2540example.org&x=1} the span is {@code jane%2540example.org}. The caller decodes the span to
 * key the pseudonym, and re-encodes the pseudonym the same number of times, so the rewritten text stays valid in
 * its context. Form-encoded text uses {@code +} for a space; a {@code +} before an address is therefore taken
 * into the local part, which again errs on the side of rewriting too much.
 *
 * <h2>Cost</h2>
 * One forward pass; the local part is tracked as the text goes by, so nothing is scanned backwards. The domain
 * scan after an anchor reads at most 254 characters and cannot run past the next anchor, so the whole scan is
 * linear in the length of the text. Stateless and thread-safe; never throws.
 */
public final class EmailDetector implements Detector {

    /** RFC 5321 limit on the local part, in decoded characters. */
    private static final int MAX_LOCAL = 64;

    /** RFC 1035 limit on the length of a domain name, in characters. */
    private static final int MAX_DOMAIN = 253;

    /** RFC 1035 limit on the length of one label. */
    private static final int MAX_LABEL = 63;

    /** Creates the detector. It has no configuration. */
    public EmailDetector() {
        // stateless
    }

    @Override
    public void detect(CharSequence text, List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final int n = text.length();
        int i = 0;
        // Every finding ends after an anchor, '@' or a '%' escape: the scan stops after the last one.
        int lastAnchor = n - 1;
        if (text instanceof String string) {
            final int at = string.indexOf('@');
            final int percent = string.indexOf('%');
            if (at < 0 && percent < 0) {
                // No anchor, literal or percent-encoded: the common case, found by two vectorised searches.
                return;
            }
            lastAnchor = Math.max(at < 0 ? -1 : string.lastIndexOf('@'), percent < 0 ? -1 : string.lastIndexOf('%'));
            i = restartBefore(string, at < 0 ? percent : percent < 0 ? at : Math.min(at, percent));
        }
        // The candidate local part is the run [runStart, i): -1 while the run is empty.
        int runStart = -1;
        int runLength = 0;
        boolean runHasAlnum = false;
        while (i <= lastAnchor) {
            final char c = text.charAt(i);
            int anchorEnd = -1;
            if (c == '@') {
                anchorEnd = i + 1;
            } else if (c == '%') {
                final int escapeEnd = escapeEnd(text, i, n);
                if (escapeEnd < 0) {
                    runStart = -1;
                    runLength = 0;
                    runHasAlnum = false;
                    i++;
                    continue;
                }
                final char high = text.charAt(escapeEnd - 2);
                final char low = text.charAt(escapeEnd - 1);
                if (high == '4' && low == '0') {
                    anchorEnd = escapeEnd;
                } else if (high == '2' && (low == 'B' || low == 'b')) {
                    if (runStart < 0) {
                        runStart = i;
                    }
                    runLength = Math.min(runLength + 1, MAX_LOCAL + 1);
                    i = escapeEnd;
                    continue;
                } else {
                    // Any other escape separates, like the character it encodes would (%2F, %3D, %22...).
                    runStart = -1;
                    runLength = 0;
                    runHasAlnum = false;
                    i = escapeEnd;
                    continue;
                }
            }
            if (anchorEnd >= 0) {
                int next = anchorEnd;
                if (runStart >= 0 && runHasAlnum && runLength <= MAX_LOCAL) {
                    final int domainEnd = domainEnd(text, anchorEnd, n);
                    if (domainEnd > 0) {
                        out.add(new Finding(FindingType.EMAIL, runStart, domainEnd));
                        next = domainEnd;
                    }
                }
                runStart = -1;
                runLength = 0;
                runHasAlnum = false;
                i = next;
                continue;
            }
            if (isAlnum(c)) {
                if (runStart < 0) {
                    runStart = i;
                }
                runLength = Math.min(runLength + 1, MAX_LOCAL + 1);
                runHasAlnum = true;
            } else if (c == '.') {
                // Leading dots are not part of an address: the run starts at the next character.
                if (runStart >= 0) {
                    runLength = Math.min(runLength + 1, MAX_LOCAL + 1);
                }
            } else if (c == '_' || c == '-' || c == '+') {
                if (runStart < 0) {
                    runStart = i;
                }
                runLength = Math.min(runLength + 1, MAX_LOCAL + 1);
            } else if (c == '\'' && runStart >= 0 && isAlnum(text.charAt(i - 1))
                    && i + 1 < n && isAlnum(text.charAt(i + 1))) {
                // Only between letters, so that 'jane@example.org' in single quotes keeps its quote outside.
                runLength = Math.min(runLength + 1, MAX_LOCAL + 1);
            } else {
                runStart = -1;
                runLength = 0;
                runHasAlnum = false;
            }
            i++;
        }
    }

    /**
     * Where the scan may start instead of at 0 and still find the same addresses: right after the last character
     * before the first anchor that ends every run (one that is none of the characters the scan treats specially:
     * letters, digits, {@code . _ - + ' % @}). Before that point the scan finds nothing, since it has seen no
     * anchor, and after such a character its state is the initial one.
     *
     * @param text        the text
     * @param firstAnchor the index of the first {@code @} or {@code %}
     * @return the index to start the scan at
     */
    private static int restartBefore(final String text, final int firstAnchor) {
        for (int j = firstAnchor - 1; j >= 0; j--) {
            final char c = text.charAt(j);
            if (!(isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '\'' || c == '%' || c == '@')) {
                return j + 1;
            }
        }
        return 0;
    }

    /**
     * Parses a percent escape, possibly encoded again: {@code %XX}, {@code %25XX}, {@code %2525XX}, ...
     * Each {@code 25} is taken as one more level of encoding while two hex digits still follow it.
     *
     * @return the index after the escape, or -1 if {@code text[at]} does not start one
     */
    private static int escapeEnd(CharSequence text, int at, int n) {
        int j = at + 1;
        if (j + 1 >= n || !isHex(text.charAt(j)) || !isHex(text.charAt(j + 1))) {
            return -1;
        }
        while (j + 3 < n && text.charAt(j) == '2' && text.charAt(j + 1) == '5'
                && isHex(text.charAt(j + 2)) && isHex(text.charAt(j + 3))) {
            j += 2;
        }
        return j + 2;
    }

    /**
     * Reads the domain that starts at {@code from}.
     *
     * @return the index after the longest valid domain, or -1 if there is none
     */
    private static int domainEnd(CharSequence text, int from, int n) {
        final int limit = Math.min(n, from + MAX_DOMAIN);
        int end = -1;
        int labels = 0;
        int p = from;
        while (p < limit) {
            final int labelStart = p;
            int letters = 0;
            boolean lettersOnly = true;
            while (p < limit && p - labelStart <= MAX_LABEL && isLabelChar(text.charAt(p))) {
                if (lettersOnly && isLetter(text.charAt(p))) {
                    letters++;
                } else {
                    lettersOnly = false;
                }
                p++;
            }
            final int length = p - labelStart;
            if (length == 0 || text.charAt(labelStart) == '-') {
                break;
            }
            // A label cut short by a length limit is not a label; neither is anything after it.
            if (length > MAX_LABEL || p < n && isLabelChar(text.charAt(p))) {
                break;
            }
            labels++;
            final boolean hyphenEnd = text.charAt(p - 1) == '-';
            if (labels >= 2) {
                if (!hyphenEnd && isTopLevel(text, labelStart, p, lettersOnly)) {
                    end = p;
                } else if (letters >= 2 && text.charAt(labelStart + letters) == '-') {
                    // "example.org-2021" or "example.org--": the letters can still end the address.
                    end = labelStart + letters;
                }
            }
            if (hyphenEnd) {
                break;
            }
            if (p + 1 < n && text.charAt(p) == '.' && isLabelChar(text.charAt(p + 1))) {
                p++;
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean isTopLevel(CharSequence text, int start, int end, boolean lettersOnly) {
        final int length = end - start;
        if (lettersOnly) {
            return length >= 2;
        }
        return length >= 5
                && (text.charAt(start) == 'x' || text.charAt(start) == 'X')
                && (text.charAt(start + 1) == 'n' || text.charAt(start + 1) == 'N')
                && text.charAt(start + 2) == '-' && text.charAt(start + 3) == '-';
    }

    private static boolean isLabelChar(char c) {
        return isAlnum(c) || c == '-';
    }

    private static boolean isAlnum(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean isLetter(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
        return Character.isLetter(c);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
