package org.operatefirst.anonymizer.scrubbers.pseudonym;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869): extract a pseudorandom key, then expand it into output keying material. */
final class Hkdf {

    /** The HMAC-SHA-256 output length in bytes (HashLen in RFC 5869). */
    static final int HASH_LENGTH = 32;

    /** The most output one expansion may produce: 255 blocks. */
    static final int MAX_OUTPUT_LENGTH = 255 * HASH_LENGTH;

    private static final String HMAC_SHA256 = "HmacSHA256";

    private Hkdf() {
    }

    /**
     * HKDF-Extract: {@code PRK = HMAC-SHA-256(salt, IKM)}.
     *
     * @param salt             the salt; {@code null} or empty means {@value #HASH_LENGTH} zero bytes, as RFC 5869
     *                         specifies
     * @param inputKeyMaterial the input keying material
     * @return the {@value #HASH_LENGTH}-byte pseudorandom key
     */
    static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return hmac(key).doFinal(inputKeyMaterial);
    }

    /**
     * HKDF-Expand: {@code T(i) = HMAC-SHA-256(PRK, T(i-1) | info | i)}, output the first {@code length} bytes of
     * {@code T(1) | T(2) | ...}.
     *
     * @param pseudorandomKey a key of at least {@value #HASH_LENGTH} bytes, usually the output of
     *                        {@link #extract}
     * @param info            context and application specific information; {@code null} means empty
     * @param length          the number of bytes to produce, 1 to {@value #MAX_OUTPUT_LENGTH}
     * @return the output keying material
     * @throws IllegalArgumentException if the key is too short or the length out of range
     */
    static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
        Objects.requireNonNull(pseudorandomKey, "pseudorandomKey");
        if (pseudorandomKey.length < HASH_LENGTH) {
            throw new IllegalArgumentException(
                    "an HKDF pseudorandom key is at least " + HASH_LENGTH + " bytes, got " + pseudorandomKey.length);
        }
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF-SHA-256 output length must be 1 to " + MAX_OUTPUT_LENGTH + " bytes, got " + length);
        }
        byte[] context = info == null ? new byte[0] : info;
        Mac mac = hmac(pseudorandomKey);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        int filled = 0;
        for (int counter = 1; filled < length; counter++) {
            mac.update(block);
            mac.update(context);
            mac.update((byte) counter);
            Arrays.fill(block, (byte) 0);
            block = mac.doFinal();
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, output, filled, n);
            filled += n;
        }
        Arrays.fill(block, (byte) 0);
        return output;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA256 + " is not available in this JDK", e);
        }
    }
}
