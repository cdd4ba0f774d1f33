package org.operatefirst.anonymizer.scrubbers.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The fingerprint Alertmanager gives an alert: {@code LabelSet.Fingerprint()} of prometheus/common
 * ({@code model/signature.go}): FNV-1a, 64 bits, over the label names in byte order, each name followed by the
 * separator byte {@code 0xff}, its value and the separator again, all in UTF-8; written as 16 lower-case hex digits.
 * The empty label set has the FNV offset basis, {@code cbf29ce484222325}.
 */
final class AlertFingerprint {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private AlertFingerprint() {
    }

    /**
     * The fingerprint of a label set.
     *
     * @param labels the labels, as name and value pairs, in any order; names are distinct
     * @return 16 lower-case hex digits
     */
    static String of(final List<String[]> labels) {
        final byte[][][] encoded = new byte[labels.size()][][];
        for (int i = 0; i < encoded.length; i++) {
            final String[] label = labels.get(i);
            encoded[i] = new byte[][] {label[0].getBytes(StandardCharsets.UTF_8),
                label[1].getBytes(StandardCharsets.UTF_8)};
        }
        // Go compares strings byte by byte; UTF-16 order differs for characters beyond the BMP.
        Arrays.sort(encoded, (a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        long hash = OFFSET_BASIS;
        for (final byte[][] label : encoded) {
            hash = add(add(hash, label[0]), label[1]);
        }
        final String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long add(final long hash, final byte[] bytes) {
        long h = hash;
        for (final byte b : bytes) {
            h = (h ^ (b & 0xff)) * PRIME;
        }
        return (h ^ SEPARATOR) * PRIME;
    }
}
