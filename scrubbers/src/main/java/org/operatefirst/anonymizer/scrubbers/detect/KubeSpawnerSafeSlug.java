package org.operatefirst.anonymizer.scrubbers.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The {@code safe} slug scheme of JupyterHub's KubeSpawner, its default since version 7, which turns a user name
 * into part of a Kubernetes object name or label value. Unlike the legacy {@link KubeSpawnerEscape escape} scheme it
 * is lossy, so a slug cannot be decoded: it can only be recomputed from a known name and compared.
 *
 * <h2>The scheme</h2>
 * A name that is already valid where it goes is used as it is. For an object name ({@link Form#NAME}) that means a
 * DNS label of at most {@value #NAME_MAX_LENGTH} characters: {@code a-z}, {@code 0-9} and {@code -}, starting with
 * a letter and ending with a letter or digit ({@code jdoe}, {@code has-hyphen}). For a label value
 * ({@link Form#LABEL}, as in {@code hub.jupyter.org/username}) it means at most 63 characters of {@code A-Z},
 * {@code a-z}, {@code 0-9}, {@code .}, {@code _} and {@code -}, starting and ending with a letter or digit. A name
 * that holds {@code --} is never used as it is. Any other name becomes {@code <readable>---<hash>}:
 * <ul>
 *   <li>{@code <hash>}: the first {@value #HASH_LENGTH} hex digits of the SHA-256 of the name's UTF-8 bytes, as
 *       written (not lower-cased);</li>
 *   <li>{@code <readable>}: the name lower-cased, every run of characters other than {@code a-z0-9} replaced by
 *       one {@code -}, leading {@code -} dropped, cut to the room left by the hash (the slug's maximum length
 *       minus 11), trailing {@code -} dropped; if it then starts with a digit it becomes {@code x-} and the first
 *       characters that fit; if it is empty, {@code x}.</li>
 * </ul>
 * So {@code user@email.com} becomes {@code user-email-com---0925f997} (KubeSpawner's documentation). Pod and claim
 * names use a maximum of {@value #NAME_MAX_LENGTH} characters for the user name, labels
 * {@value #LABEL_HASHED_LENGTH}.
 *
 * <p>The hash is unkeyed and 32 bits long: a list of candidate names confirms a slug as easily as it reversed the
 * unsalted hashes this project replaces (ADR-0004). A slug is therefore personal data like the name itself.
 *
 * <p>Stateless and thread-safe; linear in the length of the name.
 */
public final class KubeSpawnerSafeSlug {

    /** The separator between the readable part and the hash. */
    public static final String HASH_SEPARATOR = "---";
    /** Hex digits of the hash. */
    public static final int HASH_LENGTH = 8;
    /** KubeSpawner's maximum length of the user name slug in pod and claim names. */
    public static final int NAME_MAX_LENGTH = 48;
    /** KubeSpawner's maximum length of a hashed slug in a label value. */
    public static final int LABEL_HASHED_LENGTH = 32;
    /** The longest label value. */
    private static final int LABEL_MAX_LENGTH = 63;

    /** Where a slug is used, which decides when a name is valid as it is and how long a hashed slug may be. */
    public enum Form {
        /** Part of a pod or claim name: KubeSpawner's {@code {username}} with the {@code safe} scheme. */
        NAME,
        /** A label value, such as {@code hub.jupyter.org/username}. */
        LABEL
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Cloning a prototype is much cheaper than looking the algorithm up for each of many names. */
    private static final MessageDigest SHA_256 = lookUpSha256();

    private KubeSpawnerSafeSlug() {
    }

    /**
     * The slug KubeSpawner 7 makes of a name.
     *
     * @param name the user name, for example {@code user@email.com}
     * @param form where the slug is used
     * @return for example {@code user-email-com---0925f997}
     */
    public static String slug(final String name, final Form form) {
        final boolean valid = switch (form) {
            case NAME -> isValidName(name) && name.length() <= NAME_MAX_LENGTH;
            case LABEL -> isValidLabel(name);
        };
        if (valid && !name.contains("--")) {
            return name;
        }
        final int maxLength = switch (form) {
            case NAME -> NAME_MAX_LENGTH;
            case LABEL -> LABEL_HASHED_LENGTH;
        };
        return readable(name, maxLength - HASH_LENGTH - HASH_SEPARATOR.length()) + HASH_SEPARATOR + hash(name);
    }

    /**
     * Whether text is a hashed slug, {@code <readable>---<8 hex digits>}, with a readable part that the scheme can
     * produce: it starts with a letter, ends with a letter or digit, holds only {@code a-z0-9-} and never
     * {@code --}, and is at most {@code NAME_MAX_LENGTH - 11} characters long.
     *
     * @param text the text
     * @param from the first character, inclusive
     * @param to   the last character, exclusive
     * @return true if {@code [from, to)} is a hashed slug
     */
    public static boolean isHashed(final CharSequence text, final int from, final int to) {
        final int hashStart = to - HASH_LENGTH;
        final int readableEnd = hashStart - HASH_SEPARATOR.length();
        if (readableEnd <= from || readableEnd - from > NAME_MAX_LENGTH - HASH_LENGTH - HASH_SEPARATOR.length()) {
            return false;
        }
        for (int i = hashStart; i < to; i++) {
            final char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        for (int i = readableEnd; i < hashStart; i++) {
            if (text.charAt(i) != '-') {
                return false;
            }
        }
        return isPlain(text, from, readableEnd);
    }

    /**
     * Whether {@code [from, to)} is a DNS label as the scheme keeps it: {@code a-z0-9-}, starting with a letter,
     * ending with a letter or digit, without {@code --}.
     *
     * @param text the text
     * @param from the first character, inclusive
     * @param to   the last character, exclusive
     * @return true if the range is such a label
     */
    public static boolean isPlain(final CharSequence text, final int from, final int to) {
        if (to <= from || !isLower(text.charAt(from)) || text.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            final char c = text.charAt(i);
            if (c == '-') {
                if (text.charAt(i - 1) == '-') {
                    return false;
                }
            } else if (!isLower(c) && !isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static String readable(final String name, final int maxLength) {
        final String lower = name.toLowerCase(Locale.ROOT);
        final StringBuilder out = new StringBuilder(Math.min(lower.length(), maxLength + 1));
        boolean pendingHyphen = false;
        for (int i = 0; i < lower.length() && out.length() < maxLength; i++) {
            final char c = lower.charAt(i);
            if (isLower(c) || isDigit(c)) {
                if (pendingHyphen && !out.isEmpty()) {
                    out.append('-');
                }
                pendingHyphen = false;
                if (out.length() < maxLength) {
                    out.append(c);
                }
            } else {
                pendingHyphen = true;
            }
        }
        // The cut may end on the hyphen that joined two runs: drop it, as KubeSpawner strips trailing '-'.
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        if (!out.isEmpty() && !isLower(out.charAt(0))) {
            final String kept = out.substring(0, Math.min(out.length(), maxLength - 2));
            return "x-" + kept;
        }
        return out.isEmpty() ? "x" : out.toString();
    }

    private static String hash(final String name) {
        final byte[] digest = sha256().digest(name.getBytes(StandardCharsets.UTF_8));
        final char[] hex = new char[HASH_LENGTH];
        for (int i = 0; i < HASH_LENGTH / 2; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (final CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static boolean isValidName(final String name) {
        return !name.isEmpty() && isPlainAllowingDoubleHyphen(name);
    }

    private static boolean isPlainAllowingDoubleHyphen(final String name) {
        if (!isLower(name.charAt(0))) {
            return false;
        }
        final char last = name.charAt(name.length() - 1);
        if (!isLower(last) && !isDigit(last)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (!isLower(c) && !isDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidLabel(final String name) {
        if (name.isEmpty()) {
            return true;
        }
        if (name.length() > LABEL_MAX_LENGTH || !isAlnum(name.charAt(0)) || !isAlnum(name.charAt(name.length() - 1))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(final char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(final char c) {
        return isLower(c) || isDigit(c) || c >= 'A' && c <= 'Z';
    }
}
