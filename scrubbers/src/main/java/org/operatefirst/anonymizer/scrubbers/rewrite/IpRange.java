package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** An IPv4 or IPv6 range in CIDR notation, such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. Immutable. */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpRange(final byte[] network, final int prefixLength, final String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses a range.
     *
     * @param cidr for example {@code 10.0.0.0/8}; an address without a prefix length is a single address
     * @return the range
     * @throws IllegalArgumentException if the text is not a range, with the reason
     */
    public static IpRange parse(final String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        final int slash = cidr.indexOf('/');
        final String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = IpAddresses.parseIpv4(address);
        if (bytes == null) {
            bytes = IpAddresses.parseIpv6(address);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 or IPv6 address or CIDR range");
        }
        final int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
            }
        }
        return new IpRange(IpAddresses.clearHostBits(bytes, prefix), prefix, cidr);
    }

    /**
     * Whether an address literal lies in one of the ranges, and is therefore kept as it is: the rule the
     * pseudonymizer applies, for checks made after it. An IPv4-mapped IPv6 address counts as its IPv4 address.
     *
     * @param ranges  the kept ranges
     * @param literal an IPv4 or IPv6 literal, possibly with a zone id or percent-encoded colons
     * @return true if it parses and lies in a range; false otherwise
     */
    public static boolean keeps(final List<IpRange> ranges, final String literal) {
        if (ranges.isEmpty()) {
            return false;
        }
        String text = literal;
        if (text.indexOf('%') >= 0) {
            text = text.replace("%25", "%").replace("%25", "%").replace("%3A", ":").replace("%3a", ":");
            final int zone = text.indexOf('%');
            text = zone < 0 ? text : text.substring(0, zone);
        }
        byte[] address = text.indexOf(':') >= 0 ? IpAddresses.parseIpv6(text) : IpAddresses.parseIpv4(text);
        if (address == null) {
            return false;
        }
        if (address.length == 16 && IpAddresses.isIpv4Mapped(address)) {
            final byte[] mapped = {address[12], address[13], address[14], address[15]};
            for (final IpRange range : ranges) {
                if (range.contains(mapped)) {
                    return true;
                }
            }
        }
        for (final IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an address lies in this range. Addresses of the other family never do.
     *
     * @param address 4 or 16 bytes
     * @return true if the first {@code prefixLength} bits match
     */
    public boolean contains(final byte[] address) {
        return address.length == network.length
                && Arrays.equals(IpAddresses.clearHostBits(address, prefixLength), network);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof IpRange that && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
