package org.operatefirst.anonymizer.scrubbers.rewrite;

/**
 * Parsing and formatting of IP address literals, without {@link java.net.InetAddress}: no name service is ever
 * asked, and a zone id is text, not a network interface of this host.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * Parses a dotted-quad IPv4 address.
     *
     * @param text for example {@code 192.0.2.1}
     * @return 4 bytes, or {@code null} if the text is not an IPv4 address
     */
    static byte[] parseIpv4(final CharSequence text) {
        return parseIpv4(text, 0, text.length());
    }

    private static byte[] parseIpv4(final CharSequence text, final int from, final int to) {
        final byte[] address = new byte[4];
        int octet = 0;
        int value = -1;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && octet < 3) {
                address[octet++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (octet != 3 || value < 0) {
            return null;
        }
        address[3] = (byte) value;
        return address;
    }

    /**
     * Parses an IPv6 address in any RFC 4291 text form: full, compressed with {@code ::}, or with a trailing
     * dotted-quad IPv4 part. A zone id ({@code %eth0}) must have been cut off by the caller.
     *
     * @param text for example {@code 2001:db8::1} or {@code ::ffff:192.0.2.1}
     * @return 16 bytes, or {@code null} if the text is not an IPv6 address
     */
    static byte[] parseIpv6(final String text) {
        final int length = text.length();
        if (length < 2) {
            return null;
        }
        final int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (length == 2) {
                return new byte[16];
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            final int start = i;
            int value = 0;
            while (i < length && i - start < 5) {
                final int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0) {
                    break;
                }
                value = value << 4 | digit;
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                // A trailing IPv4 part takes the last two groups.
                final byte[] v4 = parseIpv4(text, start, length);
                if (v4 == null || count > 6) {
                    return null;
                }
                groups[count++] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                groups[count++] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
                i = length;
                break;
            }
            final int digits = i - start;
            if (digits == 0 || digits > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == length) {
                    break;
                }
            } else if (i == length) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        final byte[] address = new byte[16];
        final int tail = gap < 0 ? 0 : count - gap;
        for (int g = 0; g < count; g++) {
            final int slot = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
            address[slot * 2] = (byte) (groups[g] >>> 8);
            address[slot * 2 + 1] = (byte) groups[g];
        }
        return address;
    }

    /**
     * Formats 4 bytes as a dotted quad.
     *
     * @param address 4 bytes
     * @return for example {@code 192.0.2.1}
     */
    static String formatIpv4(final byte[] address) {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /**
     * Formats 16 bytes in the RFC 5952 canonical form: lower case, no leading zeros, the longest run of two or more
     * zero groups (the first of equal runs) compressed to {@code ::}.
     *
     * @param address 16 bytes
     * @return for example {@code 2001:db8::1}
     */
    static String formatIpv6(final byte[] address) {
        final int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = (address[g * 2] & 0xff) << 8 | address[g * 2 + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            final int start = g;
            while (g < 8 && groups[g] == 0) {
                g++;
            }
            if (g - start > bestLength) {
                bestStart = start;
                bestLength = g - start;
            }
        }
        final StringBuilder out = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                out.append("::");
                g += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[g]));
        }
        return out.toString();
    }

    /**
     * Whether 16 bytes are an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}).
     *
     * @param address 16 bytes
     * @return true if the first 80 bits are zero and the next 16 are one
     */
    static boolean isIpv4Mapped(final byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /**
     * Whether every bit after the prefix is zero.
     *
     * @param address      4 or 16 bytes
     * @param prefixLength 0 to the address's bit length
     * @return true for a network address
     */
    static boolean hostBitsClear(final byte[] address, final int prefixLength) {
        for (int bit = prefixLength; bit < address.length * 8; bit++) {
            if ((address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy with every bit after the prefix cleared.
     *
     * @param address      4 or 16 bytes
     * @param prefixLength 0 to the address's bit length
     * @return the network address
     */
    static byte[] clearHostBits(final byte[] address, final int prefixLength) {
        final byte[] network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return network;
    }

    /**
     * The prefix length written right after an address, as in {@code 10.0.0.0/8}.
     *
     * @param text the text
     * @param end  the index right after the address
     * @return the prefix length (one to three digits after a slash), or -1 if there is none
     */
    static int prefixLengthAfter(final CharSequence text, final int end) {
        if (end >= text.length() || text.charAt(end) != '/') {
            return -1;
        }
        int value = 0;
        int i = end + 1;
        while (i < text.length() && i - end <= 3 && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == end + 1 || i - end > 4 || i < text.length() && Character.isDigit(text.charAt(i))) {
            return -1;
        }
        return value;
    }
}
