package org.operatefirst.anonymizer.scrubbers.pseudonym;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Prefix-preserving IP address anonymization: the Crypto-PAn construction of Xu, Fan, Ammar and Moon
 * ("Prefix-preserving IP address anonymization: measurement-based security evaluation and a new
 * cryptography-based scheme", ICNP 2002).
 *
 * <p>Two addresses that share exactly their first {@code k} bits are mapped to two addresses that share exactly
 * their first {@code k} bits, so subnets stay subnets. Bit {@code i} of the output is bit {@code i} of the input
 * XOR the first bit of AES-128 applied to a block made of the first {@code i} input bits followed by the
 * remaining bits of a secret pad. IPv4 uses the first 32 bits of the 128-bit block, as the original
 * implementation does; IPv6 runs the same construction over all 128 bits, which is how the public Go and Python
 * implementations extend it. The tests check both against vectors published for those implementations.
 *
 * <p>An IPv4 address and its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}) are different inputs and give
 * unrelated outputs: callers that want one pseudonym per host canonicalize first.
 *
 * <p>Instances are immutable and thread-safe: each thread gets its own {@link Cipher}, created on first use.
 * Anonymizing costs one AES block encryption per address bit (32 for IPv4, 128 for IPv6). Since the flip of bit
 * {@code i} depends only on the first {@code i} bits, the flips of an address's network part are remembered, per
 * IPv4 /24 and per IPv6 /64 (a bounded number of each): an address in a known subnet costs 8 encryptions (IPv4)
 * or 64 (IPv6). Whole addresses are not remembered here: a cluster's pod addresses outnumber any such cache, and
 * callers remember their own results.
 */
public final class CryptoPan {

    /** The length of a Crypto-PAn key in bytes: an AES-128 key followed by the 16 bytes that yield the pad. */
    public static final int KEY_LENGTH = 32;

    private static final int AES_KEY_LENGTH = 16;
    private static final int BLOCK_LENGTH = 16;
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** Networks remembered per family: a cluster's node and pod subnets, seen over and over. */
    private static final int CACHE_CAPACITY = 65_536;
    /** The network part of an IPv4 address whose flips {@link #ipv4Networks} remembers. */
    private static final int IPV4_NETWORK = 0xFFFFFF00;

    /** The flips of the first 24 bits of an IPv4 address, by its /24 (the last 8 bits zero). */
    private final BoundedCache<Integer, Integer> ipv4Networks = new BoundedCache<>(CACHE_CAPACITY);
    /** The flips of the first 64 bits of an IPv6 address, by its /64. */
    private final BoundedCache<Long, Long> ipv6Networks = new BoundedCache<>(CACHE_CAPACITY);
    private final long padHigh;
    private final long padLow;
    private final ThreadLocal<Engine> engines;

    /**
     * Creates an anonymizer for one key.
     *
     * @param key exactly {@value #KEY_LENGTH} bytes: the first 16 are the AES-128 key, the last 16 are encrypted
     *            with it to form the pad; the array is copied, not retained
     * @throws IllegalArgumentException if the key is not {@value #KEY_LENGTH} bytes long
     */
    public CryptoPan(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "a Crypto-PAn key is exactly " + KEY_LENGTH + " bytes, got " + key.length);
        }
        SecretKeySpec aesKey = new SecretKeySpec(key, 0, AES_KEY_LENGTH, "AES");
        Engine engine = new Engine(aesKey);
        byte[] pad = engine.encrypt(Arrays.copyOfRange(key, AES_KEY_LENGTH, KEY_LENGTH));
        this.padHigh = (long) LONG_BE.get(pad, 0);
        this.padLow = (long) LONG_BE.get(pad, 8);
        Arrays.fill(pad, (byte) 0);
        this.engines = ThreadLocal.withInitial(() -> new Engine(aesKey));
        this.engines.set(engine);
    }

    /**
     * Anonymizes an address given as its network-order bytes.
     *
     * @param address 4 bytes (IPv4) or 16 bytes (IPv6); not modified
     * @return a new array of the same length holding the anonymized address
     * @throws IllegalArgumentException if the array is neither 4 nor 16 bytes long
     */
    public byte[] anonymize(byte[] address) {
        Objects.requireNonNull(address, "address");
        if (address.length == 4) {
            int ipv4 = (int) INT_BE.get(address, 0);
            Engine engine = engines.get();
            long network = ipv4Networks.get(ipv4 & IPV4_NETWORK,
                    prefix -> (int) (flipBits(engine, (long) prefix << 32, 0L, 0, 24, 0L)[0] >>> 32));
            int flips = (int) (flipBits(engine, (long) ipv4 << 32, 0L, 24, 32, network << 32)[0] >>> 32);
            byte[] out = new byte[4];
            INT_BE.set(out, 0, ipv4 ^ flips);
            return out;
        }
        if (address.length == 16) {
            Ipv6 ipv6 = new Ipv6((long) LONG_BE.get(address, 0), (long) LONG_BE.get(address, 8));
            Engine engine = engines.get();
            long network = ipv6Networks.get(ipv6.high(), prefix -> flipBits(engine, prefix, 0L, 0, 64, 0L)[0]);
            long[] bits = flipBits(engine, ipv6.high(), ipv6.low(), 64, 128, network);
            Ipv6 flips = new Ipv6(bits[0], bits[1]);
            byte[] out = new byte[16];
            LONG_BE.set(out, 0, ipv6.high() ^ flips.high());
            LONG_BE.set(out, 8, ipv6.low() ^ flips.low());
            return out;
        }
        throw new IllegalArgumentException(
                "an IP address is 4 (IPv4) or 16 (IPv6) bytes long, got " + address.length);
    }

    /**
     * Anonymizes an IPv4 address. Works on the address bytes only; never looks up a host name.
     *
     * @param address the address to anonymize
     * @return the anonymized address, without a host name
     */
    public Inet4Address anonymize(Inet4Address address) {
        byte[] out = anonymize(address.getAddress());
        try {
            return (Inet4Address) InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }

    /**
     * Anonymizes an IPv6 address. Works on the address bytes only; never looks up a host name. The result is
     * always an {@link Inet6Address}, even where it happens to have the IPv4-mapped form, and has no scope.
     *
     * @param address the address to anonymize; its scope (zone), if any, is not carried over
     * @return the anonymized address, without a host name
     */
    public Inet6Address anonymize(Inet6Address address) {
        byte[] out = anonymize(address.getAddress());
        try {
            return Inet6Address.getByAddress(null, out, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always a valid IPv6 address", e);
        }
    }

    /**
     * Computes the bits to XOR onto bits {@code from} (inclusive) to {@code to} (exclusive) of the left-aligned
     * 128-bit address {@code (high, low)}, added to the flips of the bits before {@code from}, which are in
     * {@code flipsBefore} (so {@code from} is at most 64).
     */
    private long[] flipBits(Engine engine, long high, long low, int from, int to, long flipsBefore) {
        long flipHigh = flipsBefore;
        long flipLow = 0L;
        for (int pos = from; pos < to; pos++) {
            long blockHigh;
            long blockLow;
            if (pos < 64) {
                // The first pos bits come from the address, the rest from the pad (a shift by 64 is a no-op).
                long mask = pos == 0 ? 0L : -1L << (64 - pos);
                blockHigh = (high & mask) | (padHigh & ~mask);
                blockLow = padLow;
                flipHigh |= (long) engine.firstBit(blockHigh, blockLow) << (63 - pos);
            } else {
                long mask = pos == 64 ? 0L : -1L << (128 - pos);
                blockHigh = high;
                blockLow = (low & mask) | (padLow & ~mask);
                flipLow |= (long) engine.firstBit(blockHigh, blockLow) << (127 - pos);
            }
        }
        return new long[] {flipHigh, flipLow};
    }

    /** The 128 bits of an IPv6 address, or of the bits to flip in one. */
    private record Ipv6(long high, long low) {
    }

    /** One thread's cipher and buffers: {@link Cipher} is not thread-safe. */
    private static final class Engine {

        private final Cipher cipher;
        private final byte[] in = new byte[BLOCK_LENGTH];
        private final byte[] out = new byte[BLOCK_LENGTH];

        Engine(SecretKeySpec key) {
            try {
                cipher = Cipher.getInstance("AES/ECB/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB/NoPadding is not available in this JDK", e);
            }
        }

        byte[] encrypt(byte[] block) {
            try {
                return cipher.doFinal(block);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES encryption of one block failed", e);
            }
        }

        /** The most significant bit of AES(high || low), as 0 or 1. */
        int firstBit(long high, long low) {
            LONG_BE.set(in, 0, high);
            LONG_BE.set(in, 8, low);
            try {
                // ECB without padding encrypts each whole block in update(): no state is carried between calls.
                cipher.update(in, 0, BLOCK_LENGTH, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES encryption of one block failed", e);
            }
            return (out[0] >>> 7) & 1;
        }
    }
}
