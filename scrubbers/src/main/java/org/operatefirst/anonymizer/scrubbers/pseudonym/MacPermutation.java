package org.operatefirst.anonymizer.scrubbers.pseudonym;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of MAC addresses (EUI-48): a keyed permutation, so two devices never share a pseudonym, in the
 * address space the policy leaves open.
 *
 * <ul>
 *   <li>A group address (multicast or broadcast, the I/G bit set) and the all-zero address identify no device and
 *       are returned unchanged.</li>
 *   <li>With the vendor prefix kept, a universally administered address keeps its first three octets (the IEEE
 *       OUI, which names the manufacturer and is shared by millions of devices) and its last three are permuted,
 *       under a permutation that depends on the OUI: a vendor's devices stay that vendor's, and stay distinct.</li>
 *   <li>Otherwise, and always for a locally administered address (whose first octets are random, as in
 *       virtual machines, containers and phones' private addresses, so they identify the device), all 46 bits
 *       but the I/G and U/L bits are permuted, under a permutation that depends on the input's U/L bit, and the
 *       pseudonym is a locally administered unicast address: it names no vendor.</li>
 * </ul>
 *
 * The permutation is a balanced Feistel network of {@value #ROUNDS} rounds whose round function is HMAC-SHA-256 of
 * the round number, the tweak and the half, under the tier's MAC key ({@link MasterSecret.Purpose#MAC}).
 * Deterministic for a key and address; thread-safe: each thread gets its own {@link Mac}.
 */
public final class MacPermutation {

    /** Feistel rounds: more than the four of Luby-Rackoff, for the small domains (12-bit halves). */
    static final int ROUNDS = 8;

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int GROUP_BIT = 0x01;
    private static final int LOCAL_BIT = 0x02;

    private final ThreadLocal<Mac> macs;

    /**
     * Creates the permutation of one key.
     *
     * @param key at least {@value KeyedTokenizer#MIN_KEY_LENGTH} bytes, usually from {@link MasterSecret#deriveKey};
     *            copied, not retained
     * @throws IllegalArgumentException if the key is too short
     */
    public MacPermutation(final byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < KeyedTokenizer.MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("a MAC key needs at least " + KeyedTokenizer.MIN_KEY_LENGTH
                    + " bytes, got " + key.length);
        }
        final SecretKeySpec spec = new SecretKeySpec(key, HMAC_SHA256);
        final Mac first = newMac(spec);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
        this.macs.set(first);
    }

    /**
     * The pseudonym of an address.
     *
     * @param address   six octets; not modified
     * @param keepVendor whether a universally administered address keeps its OUI
     * @return six new octets
     * @throws IllegalArgumentException if the address is not six octets long
     */
    public byte[] anonymize(final byte[] address, final boolean keepVendor) {
        if (address.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 octets, got " + address.length);
        }
        final long value = toLong(address);
        final int first = address[0] & 0xff;
        if ((first & GROUP_BIT) != 0 || value == 0) {
            return address.clone();
        }
        if (keepVendor && (first & LOCAL_BIT) == 0) {
            final byte[] tweak = {'v', address[0], address[1], address[2]};
            return toBytes(value & ~0xffffffL | permute(value & 0xffffffL, 24, tweak));
        }
        // The 46 bits left once the I/G and U/L bits (the two lowest of the first octet) are taken out.
        final long rest = (value >>> 42 & 0x3f) << 40 | value & 0xffffffffffL;
        final long permuted = permute(rest, 46, new byte[] {'l', (byte) (first & LOCAL_BIT)});
        final long firstOctet = (permuted >>> 40 & 0x3f) << 2 | LOCAL_BIT;
        return toBytes(firstOctet << 40 | permuted & 0xffffffffffL);
    }

    /** A balanced Feistel permutation of the low {@code bits} bits of {@code value} (an even number of bits). */
    private long permute(final long value, final int bits, final byte[] tweak) {
        final int half = bits / 2;
        final long mask = (1L << half) - 1;
        long left = value >>> half & mask;
        long right = value & mask;
        final Mac mac = macs.get();
        final byte[] block = new byte[tweak.length + 1 + Long.BYTES];
        System.arraycopy(tweak, 0, block, 0, tweak.length);
        for (int round = 0; round < ROUNDS; round++) {
            block[tweak.length] = (byte) round;
            for (int k = 0; k < Long.BYTES; k++) {
                block[tweak.length + 1 + k] = (byte) (right >>> 8 * (Long.BYTES - 1 - k));
            }
            final byte[] digest = mac.doFinal(block);
            long f = 0;
            for (int k = 0; k < Long.BYTES; k++) {
                f = f << 8 | digest[k] & 0xff;
            }
            final long next = left ^ f & mask;
            left = right;
            right = next;
        }
        return left << half | right;
    }

    private static long toLong(final byte[] address) {
        long value = 0;
        for (final byte b : address) {
            value = value << 8 | b & 0xff;
        }
        return value;
    }

    private static byte[] toBytes(final long value) {
        final byte[] address = new byte[6];
        for (int i = 0; i < 6; i++) {
            address[i] = (byte) (value >>> 8 * (5 - i));
        }
        return address;
    }

    private static Mac newMac(final SecretKeySpec key) {
        try {
            final Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA256 + " is not available in this JDK", e);
        }
    }
}
