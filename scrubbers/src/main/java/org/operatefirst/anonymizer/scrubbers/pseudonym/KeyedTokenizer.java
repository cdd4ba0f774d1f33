package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonym tokens: the first characters of the lowercase, unpadded RFC 4648 base32 encoding of
 * {@code HMAC-SHA-256(key, UTF-8(value))}.
 *
 * <p>Tokens are deterministic for a key and value, across runs, processes and machines, so the same person gets
 * the same pseudonym everywhere in a release; without the key they cannot be linked back to the value. Their
 * characters ({@code a-z} and {@code 2-7}) are valid anywhere in a DNS-1123 label and in an email local part.
 * Each character carries 5 bits: a token of {@code n} characters has {@code 5n} bits of the HMAC, so callers
 * choose the length from how many distinct values must not collide.
 *
 * <p>Instances are immutable and thread-safe: each thread gets its own {@link Mac}, keyed once.
 */
public final class KeyedTokenizer {

    /** The longest token: 52 characters encode all 256 bits of HMAC-SHA-256 (the last one carries 1 bit). */
    public static final int MAX_LENGTH = 52;

    /** The shortest key accepted, in bytes. */
    public static final int MIN_KEY_LENGTH = 32;

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final char[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    /** Digests remembered per tokenizer: a cluster's users and domains, many times over. */
    private static final int CACHE_CAPACITY = 16_384;

    private final ThreadLocal<Mac> macs;
    private final BoundedCache<String, byte[]> digests = new BoundedCache<>(CACHE_CAPACITY);

    /**
     * Creates a tokenizer for one key.
     *
     * @param key at least {@value #MIN_KEY_LENGTH} bytes, usually from {@link MasterSecret#deriveKey}; copied,
     *            not retained
     * @throws IllegalArgumentException if the key is shorter than {@value #MIN_KEY_LENGTH} bytes
     */
    public KeyedTokenizer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "a tokenizer key needs at least " + MIN_KEY_LENGTH + " bytes, got " + key.length);
        }
        SecretKeySpec spec = new SecretKeySpec(key, HMAC_SHA256);
        Mac first = newMac(spec);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
        this.macs.set(first);
    }

    /**
     * Computes the token of a value.
     *
     * @param canonicalValue the value, already in the one form that should map to this token (for example
     *                       lower-cased); encoded as UTF-8, where an unpaired surrogate becomes {@code ?}
     * @param length         the number of characters, 1 to {@value #MAX_LENGTH}
     * @return {@code length} characters from {@code a-z2-7}
     * @throws IllegalArgumentException if the length is out of range
     */
    public String token(String canonicalValue, int length) {
        Objects.requireNonNull(canonicalValue, "canonicalValue");
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("token length must be 1 to " + MAX_LENGTH + ", got " + length);
        }
        // doFinal resets the Mac, so the per-thread instance is ready for the next value.
        byte[] digest = digests.get(canonicalValue, value -> macs.get().doFinal(value.getBytes(UTF_8)));
        char[] token = new char[length];
        for (int i = 0; i < length; i++) {
            // Character i is bits [5i, 5i + 5) of the digest, read through a 16-bit big-endian window;
            // past the last byte the window is zero-filled, as base32 pads the final group.
            int bit = i * 5;
            int index = bit >>> 3;
            int window = (digest[index] & 0xFF) << 8;
            if (index + 1 < digest.length) {
                window |= digest[index + 1] & 0xFF;
            }
            token[i] = BASE32_LOWER[(window >>> (11 - (bit & 7))) & 0x1F];
        }
        return new String(token);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA256 + " is not available in this JDK", e);
        }
    }
}
