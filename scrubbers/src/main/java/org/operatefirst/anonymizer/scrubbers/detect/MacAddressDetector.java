package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;

/**
 * Finds MAC addresses (EUI-48, {@link FindingType#MAC_ADDRESS}), device identifiers that the GDPR counts as personal
 * data, in the three ways tools write them, hex digits in either case:
 *
 * <ul>
 *   <li>six pairs separated by colons, {@code 52:54:00:12:34:56} ({@code ip link}, {@code ifconfig}, Kubernetes
 *       and OVN logs);</li>
 *   <li>six pairs separated by hyphens, {@code 52-54-00-12-34-56} (Windows, IEEE's own notation);</li>
 *   <li>three groups of four separated by dots, {@code 5254.0012.3456} (Cisco).</li>
 * </ul>
 *
 * One separator per address. The address stands alone: the character before it is not a letter, digit,
 * {@code _} or the address's separator, and the character after it is not a letter, digit or {@code _}, nor the
 * separator followed by a letter, digit or (colons) another colon. So longer colon chains (IPv6 addresses,
 * {@code fe80::aa:bb:cc:dd:ee:ff}, certificate serials, MD5 key fingerprints), times ({@code 12:34:56}), UUIDs,
 * digests and version strings are not reported; nor is an EUI-64 or InfiniBand address, which is longer. A
 * sentence may end after an address with a dot or a colon.
 *
 * <p>Cost: a text is scanned only if the one pass of {@link TriggerBigrams} (shared with other detectors) saw three
 * colons or three hyphens three characters apart, or two dots five apart, which times, dates and most version
 * strings do not hold. Then candidates start at a separator found with {@link String#indexOf(int, int)}, at most
 * one attempt per separator, each reading at most 18 characters. Linear in the text. Stateless and thread-safe;
 * never throws.
 */
public final class MacAddressDetector implements Detector {

    /** Length of the colon and hyphen forms. */
    static final int PAIRS_LENGTH = 17;
    /** Length of the dotted form. */
    static final int DOTTED_LENGTH = 14;

    /** Creates the detector. It has no configuration. */
    public MacAddressDetector() {
        // stateless
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final String s = text.toString();
        final int n = s.length();
        if (n < DOTTED_LENGTH) {
            return;
        }
        final long triggers = TriggerBigrams.of(s);
        final boolean pairs = (triggers & TriggerBigrams.SEPARATORS_BY_THREE) != 0;
        if (!pairs && (triggers & TriggerBigrams.DOTS_BY_FIVE) == 0) {
            return;
        }
        // One candidate start per separator: the first group ends right before it.
        int colon = pairs ? next(s, ':', 2) : -1;
        int hyphen = pairs ? next(s, '-', 2) : -1;
        int dot = (triggers & TriggerBigrams.DOTS_BY_FIVE) != 0 ? next(s, '.', 4) : -1;
        int resume = 0;
        while (colon >= 0 || hyphen >= 0 || dot >= 0) {
            final int colonStart = colon < 0 ? Integer.MAX_VALUE : colon - 2;
            final int hyphenStart = hyphen < 0 ? Integer.MAX_VALUE : hyphen - 2;
            final int dotStart = dot < 0 ? Integer.MAX_VALUE : dot - 4;
            final int start = Math.min(colonStart, Math.min(hyphenStart, dotStart));
            final char separator;
            if (start == colonStart) {
                separator = ':';
                colon = next(s, ':', colon + 1);
            } else if (start == hyphenStart) {
                separator = '-';
                hyphen = next(s, '-', hyphen + 1);
            } else {
                separator = '.';
                dot = next(s, '.', dot + 1);
            }
            if (start < resume) {
                continue;
            }
            final int end = separator == '.' ? dotted(s, start) : pairs(s, start, separator);
            if (end > 0) {
                out.add(new Finding(FindingType.MAC_ADDRESS, start, end));
                resume = end;
            }
        }
    }

    /** The next separator at or after {@code from} with room for a group before it, or -1. */
    private static int next(final String s, final char separator, final int from) {
        return s.indexOf(separator, from);
    }

    /** The end of six pairs from {@code start}, or -1. */
    private static int pairs(final String s, final int start, final char separator) {
        final int end = start + PAIRS_LENGTH;
        if (end > s.length() || !freeBefore(s, start, separator)) {
            return -1;
        }
        for (int group = 0; group < 6; group++) {
            final int at = start + 3 * group;
            if (!isHex(s.charAt(at)) || !isHex(s.charAt(at + 1)) || group < 5 && s.charAt(at + 2) != separator) {
                return -1;
            }
        }
        return freeAfter(s, end, separator) ? end : -1;
    }

    /** The end of three groups of four from {@code start}, or -1. */
    private static int dotted(final String s, final int start) {
        final int end = start + DOTTED_LENGTH;
        if (end > s.length() || !freeBefore(s, start, '.')) {
            return -1;
        }
        for (int group = 0; group < 3; group++) {
            final int at = start + 5 * group;
            for (int k = 0; k < 4; k++) {
                if (!isHex(s.charAt(at + k))) {
                    return -1;
                }
            }
            if (group < 2 && s.charAt(at + 4) != '.') {
                return -1;
            }
        }
        return freeAfter(s, end, '.') ? end : -1;
    }

    private static boolean freeBefore(final String s, final int start, final char separator) {
        if (start == 0) {
            return true;
        }
        final char c = s.charAt(start - 1);
        return !isWordChar(c) && c != separator;
    }

    private static boolean freeAfter(final String s, final int end, final char separator) {
        if (end == s.length()) {
            return true;
        }
        final char c = s.charAt(end);
        if (isWordChar(c)) {
            return false;
        }
        if (c != separator || end + 1 == s.length()) {
            return true;
        }
        final char after = s.charAt(end + 1);
        return !isWordChar(after) && !(separator == ':' && after == ':');
    }

    private static boolean isHex(final char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
