package org.operatefirst.anonymizer.scrubbers.detect;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The legacy {@code escape} slug scheme of JupyterHub's KubeSpawner (the only scheme before KubeSpawner 7, still
 * selectable with {@code slug_scheme = "escape"}), which turns a user or server name into part of a Kubernetes
 * object name. KubeSpawner calls the {@code escapism} library with the safe characters {@code a-z 0-9} and the
 * escape character {@code -}, then lower-cases the result: every other character, {@code -} itself and upper-case
 * letters included, becomes {@code -} followed by the hex digits of each byte of its UTF-8 encoding. So
 * {@code jdoe@example.org} becomes {@code jdoe-40example-2eorg}, {@code j-doe} becomes {@code j-2ddoe} and
 * {@code JDoe} becomes {@code -4a-44oe}.
 *
 * <h2>What counts as an escaped name</h2>
 * A non-empty run of {@code a-z}, {@code 0-9} and escapes {@code -xx} ({@code x} a lower-case hex digit) that
 * {@code escapism} could have written:
 * <ul>
 *   <li>every {@code -} starts an escape, so {@code notebook-controller} is not an escaped name ({@code -co} is not
 *       an escape) and {@code --} never occurs inside one: that is what makes {@code {username}--{servername}}
 *       unambiguous;</li>
 *   <li>the escaped bytes are well-formed UTF-8 (no overlong forms, surrogates or stray continuation bytes), and a
 *       multi-byte character is escaped in one piece;</li>
 *   <li>no escape stands for a character {@code escapism} leaves alone ({@code -61} for {@code a}): it would never
 *       write that, so such text is some other name;</li>
 *   <li>no escape stands for a control character (C0, DEL, C1). No hub accepts such a user name, and
 *       {@code escapism} writes bytes below {@code 0x10} with a single hex digit, which cannot be read back.</li>
 * </ul>
 *
 * <p>Stateless; every method runs in time linear in its input and never throws on data.
 */
public final class KubeSpawnerEscape {

    /** The escape character. */
    public static final char ESCAPE = '-';

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KubeSpawnerEscape() {
    }

    /**
     * Reads an escaped name that starts at {@code from}: as many plain characters and escapes as follow, up to the
     * first character that is neither, or {@code to}.
     *
     * @param text the text
     * @param from where the name starts, {@code 0 <= from <= to}
     * @param to   where reading must stop at the latest, {@code to <= text.length()}
     * @return the index where the name ends ({@code from} if there is none), or -1 if what was read is not
     *         something {@code escapism} writes: bytes that are not UTF-8, or a character escaped that is not
     *         escaped, or a control character
     */
    public static int scan(final CharSequence text, final int from, final int to) {
        int i = from;
        // UTF-8 state: continuation bytes still expected, the range of the next one, the code point so far.
        int pending = 0;
        int low = 0x80;
        int high = 0xbf;
        int codePoint = 0;
        while (i < to) {
            final char c = text.charAt(i);
            if (isSafe(c)) {
                if (pending > 0) {
                    return -1;
                }
                i++;
                continue;
            }
            if (c != ESCAPE || i + 2 >= to) {
                break;
            }
            final int hi = hexValue(text.charAt(i + 1));
            final int lo = hexValue(text.charAt(i + 2));
            if (hi < 0 || lo < 0) {
                break;
            }
            final int b = hi << 4 | lo;
            i += 3;
            if (pending > 0) {
                if (b < low || b > high) {
                    return -1;
                }
                codePoint = codePoint << 6 | b & 0x3f;
                low = 0x80;
                high = 0xbf;
                if (--pending == 0 && codePoint <= 0x9f) {
                    // A C1 control character.
                    return -1;
                }
                continue;
            }
            if (b < 0x80) {
                if (b < 0x20 || b == 0x7f || isSafe((char) b)) {
                    return -1;
                }
            } else if (b >= 0xc2 && b <= 0xdf) {
                pending = 1;
                codePoint = b & 0x1f;
            } else if (b >= 0xe0 && b <= 0xef) {
                pending = 2;
                codePoint = b & 0x0f;
                // No overlong three-byte forms, no surrogates.
                low = b == 0xe0 ? 0xa0 : 0x80;
                high = b == 0xed ? 0x9f : 0xbf;
            } else if (b >= 0xf0 && b <= 0xf4) {
                pending = 3;
                codePoint = b & 0x07;
                // No overlong four-byte forms, nothing above U+10FFFF.
                low = b == 0xf0 ? 0x90 : 0x80;
                high = b == 0xf4 ? 0x8f : 0xbf;
            } else {
                return -1;
            }
        }
        return pending > 0 ? -1 : i;
    }

    /**
     * Decodes an escaped name.
     *
     * @param escaped for example {@code jdoe-40example-2eorg}
     * @return the name, for example {@code jdoe@example.org}; empty if the text is empty or is not, as a whole, an
     *         escaped name (see the class documentation)
     */
    public static Optional<String> unescape(final CharSequence escaped) {
        if (escaped == null) {
            return Optional.empty();
        }
        final int length = escaped.length();
        if (length == 0 || scan(escaped, 0, length) != length) {
            return Optional.empty();
        }
        final byte[] bytes = new byte[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
            final char c = escaped.charAt(i);
            if (c == ESCAPE) {
                bytes[n++] = (byte) (hexValue(escaped.charAt(i + 1)) << 4 | hexValue(escaped.charAt(i + 2)));
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return Optional.of(new String(bytes, 0, n, StandardCharsets.UTF_8));
    }

    /**
     * Escapes a name the way KubeSpawner does. Unlike {@code escapism}, a byte below {@code 0x10} is written with
     * two hex digits; {@link #unescape} rejects control characters either way. An unpaired surrogate is encoded
     * as {@code ?}, as {@link String#getBytes} does.
     *
     * @param name for example {@code u7x2k@dq3.invalid}
     * @return for example {@code u7x2k-40dq3-2einvalid}
     */
    public static String escape(final String name) {
        final StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); ) {
            final int codePoint = name.codePointAt(i);
            final int next = i + Character.charCount(codePoint);
            if (codePoint < 0x80 && isSafe((char) codePoint)) {
                out.append((char) codePoint);
            } else {
                for (final byte b : name.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
                    out.append(ESCAPE).append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
            i = next;
        }
        return out.toString();
    }

    /** Whether KubeSpawner leaves a character as it is: {@code a-z} and {@code 0-9}. */
    static boolean isSafe(final char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** The value of a lower-case hex digit, or -1: KubeSpawner lower-cases the whole name. */
    private static int hexValue(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
